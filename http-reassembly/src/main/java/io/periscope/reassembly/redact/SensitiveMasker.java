package io.periscope.reassembly.redact;

import io.periscope.sensitive.CustomType;
import io.periscope.sensitive.Detector;
import io.periscope.sensitive.EmailDetector;
import io.periscope.sensitive.FieldName;
import io.periscope.sensitive.IbanDetector;
import io.periscope.sensitive.Markers;
import io.periscope.sensitive.PaymentCardDetector;
import io.periscope.sensitive.PhoneDetector;
import io.periscope.sensitive.SensitiveScanner;
import io.periscope.sensitive.SsnDetector;
import io.periscope.sensitive.DateOfBirthDetector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Masks sensitive values with discovery's own validated detectors, so the sensor and the catalog agree on
 * what a card number or an IBAN is. Which types are masked is a policy ({@link #DEFAULT_TYPES}, configurable);
 * IP addresses are never masked: detection needs them (SSRF targets, client addresses, which the record
 * carries in clear anyway). User-defined types of discovery are always masked. Thread-safe.
 */
public final class SensitiveMasker {
    /** Personal and payment data masked by default: every type discovery reports except addresses and credentials. */
    public static final List<String> DEFAULT_TYPES = List.of("payment_card", "us_ssn", "iban", "email", "phone", "date_of_birth");

    /** Fewer digits than any built-in type's value has (phones have seven, dates of birth eight, SSNs nine). */
    static final int MIN_DIGITS = 6;

    private final Detector[] detectors;
    private final boolean customTypes;

    public SensitiveMasker(Collection<String> maskedTypes, String phoneRegion, List<CustomType> customTypes) {
        Set<String> types = Set.copyOf(maskedTypes);
        List<Detector> all = new ArrayList<>(List.of(new PaymentCardDetector(), new SsnDetector(), new IbanDetector(),
                new EmailDetector(), new PhoneDetector(phoneRegion), new DateOfBirthDetector()));
        all.removeIf(d -> !types.contains(d.type()));
        for (CustomType c : customTypes) {
            all.add(c.toDetector());
        }
        detectors = all.toArray(new Detector[0]);
        this.customTypes = !customTypes.isEmpty();
    }

    /** A value's type and the marker that replaces it. */
    public record Masked(String type, String marker) {
    }

    /**
     * The marker of {@code value} under a field whose name {@code name} gives (may give null; a JSON pointer is read
     * as discovery reads a JSON path: {@code /card/number} is a card's number), or null when nothing matches. The
     * name is computed only for a value that could be sensitive.
     */
    public Masked mask(Supplier<String> name, String value) {
        return mayMatch(value) ? maskPossible(name, value) : null;
    }

    /** As {@link #mask}, for a value {@link #mayMatch} accepted already: its characters are not read again. */
    Masked maskPossible(Supplier<String> name, String value) {
        FieldName fn = null; // built for the first detector whose value test passes: most values pass none
        Detector best = null;
        double bestConfidence = Detector.REPORT_THRESHOLD;
        for (Detector d : detectors) {
            if (!d.mayMatch(value)) {
                continue;
            }
            if (fn == null) {
                fn = fieldName(name.get());
            }
            double c = d.confidence(fn, value);
            if (c >= bestConfidence && (best == null || c > bestConfidence)) {
                best = d;
                bestConfidence = c;
            }
        }
        return best == null ? null : new Masked(best.type(), Markers.masked(best.type(), best.mask(value)));
    }

    private static FieldName fieldName(String field) {
        return field == null ? FieldName.NONE : FieldName.of(field.indexOf('/') >= 0 ? field.replace('/', '.') : field);
    }

    /**
     * Whether any type could match {@code value}: callers that would build a name supplier for {@link #mask} skip
     * it for the many values that cannot.
     */
    public boolean mayMatch(String value) {
        int n = value.length();
        return n >= 5 && n <= SensitiveScanner.MAX_VALUE_LENGTH && (customTypes || mayHoldBuiltInType(value));
    }

    /** Whether user-defined types are masked: they may match any value, so no character test rules a value out. */
    public boolean hasCustomTypes() {
        return customTypes;
    }

    /**
     * Whether a built-in type could match: every one of them has an '@' (e-mail) or at least {@link #MIN_DIGITS}
     * digits. Most values of a body have neither, and are then judged without building a field name.
     */
    private static boolean mayHoldBuiltInType(String value) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@') {
                return true;
            }
            if (c >= '0' && c <= '9' && ++digits >= MIN_DIGITS) {
                return true;
            }
        }
        return false;
    }
}
