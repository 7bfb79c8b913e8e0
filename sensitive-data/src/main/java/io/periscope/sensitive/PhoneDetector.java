package io.periscope.sensitive;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * A telephone number validated by libphonenumber. An international number ({@code +...}) that is valid
 * counts on its own; a national number only counts under a phone-like field name, so that order numbers
 * and other 10-digit identifiers are not reported.
 */
public final class PhoneDetector implements Detector {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Verdicts kept: a power of two; about 64 bytes each. */
    private static final int VERDICTS = 4096;
    private final String defaultRegion;
    /**
     * libphonenumber's verdicts on the values asked last, direct-mapped by the value's hash (a value whose slot holds
     * another replaces it: bounded whatever is sent). A verdict depends on the value and the region alone, and parsing
     * costs far more than every other detector together, while a customer's number comes back in many responses.
     * Shared by threads without locking: a slot holds an immutable verdict or nothing, and a lost write is a miss.
     */
    private final Verdict[] verdicts = new Verdict[VERDICTS];

    private record Verdict(String value, boolean valid) {
    }

    /** @param defaultRegion ISO 3166 region used for numbers without a country code, e.g. {@code US} */
    public PhoneDetector(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String type() {
        return "phone";
    }

    /**
     * 7 to 24 characters holding 7 to 15 digits and otherwise only {@code  -().} and a leading {@code +}: what
     * libphonenumber is asked about at all (it costs far more than every other detector together).
     */
    @Override
    public boolean mayMatch(String value) {
        int n = value.length();
        if (n < 7 || n > 24) {
            return false;
        }
        int digits = DigitShape.digits(value, " -().", true);
        return digits >= 7 && digits <= 15;
    }

    @Override
    public double confidence(FieldName name, String value) {
        if (!mayMatch(value)) {
            return 0;
        }
        boolean international = value.charAt(0) == '+';
        boolean phoneName = name.containsAny("phone", "mobile", "tel", "msisdn", "fax", "cell", "contactnumber");
        if (!international && !phoneName) {
            return 0;
        }
        if (!valid(value)) {
            return 0;
        }
        double c = international ? 0.7 : 0.35;
        if (phoneName) {
            c += 0.35;
        } else if (name.looksLikeNonPersonalNumber()) {
            c -= 0.4;
        }
        return Detector.clamp(c);
    }

    private boolean valid(String value) {
        int h = value.hashCode();
        int slot = (h ^ h >>> 12) & (VERDICTS - 1);
        Verdict known = verdicts[slot];
        if (known != null && known.value().equals(value)) {
            return known.valid();
        }
        boolean valid;
        try {
            valid = UTIL.isValidNumber(UTIL.parse(value, defaultRegion));
        } catch (NumberParseException e) {
            valid = false;
        }
        verdicts[slot] = new Verdict(value, valid);
        return valid;
    }

    @Override
    public String mask(String value) {
        return Masking.keepLastDigits(value, 2);
    }
}
