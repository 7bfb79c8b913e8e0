package io.periscope.reassembly.redact;

import io.periscope.events.http.Credential;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.enrich.Fingerprinter;
import io.periscope.sensitive.CredentialShape;
import io.periscope.sensitive.Markers;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The decision for one value wherever it was found (header, query, cookie, form field, JSON value, a word
 * of text): a credential by its name or its shape becomes {@code [redacted:<Scheme>:<fingerprint>]} and a
 * {@link Credential} record; a sensitive value becomes {@code [masked:<type>:<masked form>]}; anything else,
 * attack payloads included, is returned unchanged (the same instance).
 *
 * <p>The fingerprint is taken of the secret itself, without a {@code Bearer } prefix, so a token issued in a
 * sign-in response body and presented later in an Authorization header gets the same fingerprint. Passwords
 * use their own key ({@link Fingerprinter#forPasswords}). One instance per worker thread.
 *
 * <p>A login name in a request body that masking hides (an e-mail address becomes {@code a***@example.com}) is also
 * described by a {@value #LOGIN_SCHEME} credential: the keyed fingerprint of the lower-cased login. Without it a
 * credential-stuffing list of e-mail addresses at one domain collapses, after masking, into a handful of "accounts";
 * with it detection counts distinct accounts without ever seeing one.
 */
public final class ValueRedactor {
    /** The scheme of a {@link Credential} that identifies a masked login name (not a secret, never a principal). */
    public static final String LOGIN_SCHEME = "Login";

    private final Fingerprinter fingerprinter;
    /** Fingerprints and JWTs of the {@link #fingerprinter}'s credentials seen last. */
    private final CredentialMemo memo;
    private final Fingerprinter passwords;
    private final CredentialNames names;
    private final SensitiveMasker masker;
    private final ReassemblyMetrics metrics;
    private final Set<String> loginFields;
    /** {@link #kindOf}'s last name (compared by identity) and its kind. */
    private String lastName;
    private CredentialKind lastKind;

    public ValueRedactor(Fingerprinter fingerprinter, Fingerprinter passwords, CredentialNames names,
                         SensitiveMasker masker, ReassemblyMetrics metrics, Collection<String> loginFields) {
        this.fingerprinter = fingerprinter;
        this.memo = new CredentialMemo(fingerprinter);
        this.passwords = passwords;
        this.names = names;
        this.masker = masker;
        this.metrics = metrics;
        this.loginFields = Set.copyOf(loginFields);
    }

    public CredentialNames names() {
        return names;
    }

    /**
     * Whether a value under {@code fieldName} could change at all, by the name alone: false when the name is no
     * credential's and no configured type can match a value without looking at it (no custom types); callers
     * then test the value's characters ({@link InertValues}) before building it.
     */
    boolean nameMayChange(String fieldName) {
        return kindOf(fieldName) != null || masker.hasCustomTypes();
    }

    /**
     * The credential kind of a field name, remembered for the last name: a JSON body asks about each value's name
     * twice (gate, then decision), and consecutive values often share one (array elements). The parser hands out
     * the same instance for a repeated name, so the identity test is the common hit.
     */
    private CredentialKind kindOf(String fieldName) {
        if (fieldName != lastName || fieldName == null) {
            lastKind = names.classify(fieldName);
            lastName = fieldName;
        }
        return lastKind;
    }

    /** Whether user-defined sensitive types are masked, which no character test can rule out. */
    boolean masksCustomTypes() {
        return masker.hasCustomTypes();
    }

    /**
     * The value to publish in place of {@code value}.
     *
     * @param location   where the value was, for the Credential record
     * @param recordName the name recorded in the Credential (header, parameter or cookie name, JSON pointer)
     * @param fieldName  the name classified (the last field name of a JSON pointer); may be null
     */
    public String value(MessageRedactions message, Credential.Location location, String recordName, String fieldName,
                        String value) {
        return value(message, location, () -> recordName, fieldName, value);
    }

    /**
     * As {@link #value(MessageRedactions, Credential.Location, String, String, String)}, with the recorded name
     * computed only when a decision needs it: a JSON pointer costs more to build than most values cost to judge.
     */
    public String value(MessageRedactions message, Credential.Location location, Supplier<String> recordName,
                        String fieldName, String value) {
        if (value == null || value.isEmpty() || value.charAt(0) == '[' && Markers.isMarker(value)) {
            return value;
        }
        CredentialKind kind = kindOf(fieldName);
        boolean mayBeSensitive = masker.mayMatch(value); // read once, used twice
        if (kind == null && value.length() < CredentialShape.MIN_LENGTH && !mayBeSensitive) {
            return value; // most values: no credential name, too short for a shape, no sensitive type possible
        }
        String secret = secretOf(value);
        CredentialShape shape = CredentialShape.of(secret);
        if (shape != null) {
            return credential(message, location, recordName.get(), shape.scheme(), secret);
        }
        if (kind != null && carriesSecret(secret)) {
            return credential(message, location, recordName.get(), kind.scheme(), secret);
        }
        if (!mayBeSensitive) {
            return value; // most values: no name supplier built
        }
        // a JSON value is judged by its path, as discovery judges it ("/card/number" is a card's number)
        SensitiveMasker.Masked masked = masker.maskPossible(() -> {
            String recorded = location == Credential.Location.BODY ? recordName.get() : null;
            return recorded != null && recorded.startsWith("/") ? recorded : fieldName;
        }, value);
        if (masked == null) {
            return value;
        }
        if (location == Credential.Location.BODY && message.direction() == Credential.Direction.REQUEST
                && fieldName != null && loginFields.contains(fieldName)) {
            message.add(new Credential(location, recordName.get(), LOGIN_SCHEME,
                    fingerprinter.fingerprint(value.trim().toLowerCase(Locale.ROOT)), null, null, Credential.Direction.REQUEST));
        }
        metrics.masked(masked.type());
        return masked.marker();
    }

    /**
     * Redacts {@code secret} as a credential of {@code scheme} (Authorization schemes, cookies, API keys
     * named by configuration) without looking at its name again.
     */
    public String credential(MessageRedactions message, Credential.Location location, String recordName, String scheme,
                             String secret) {
        boolean password = scheme.equals(CredentialKind.PASSWORD.scheme());
        String fp = password ? passwords.fingerprint(secret) : memo.fingerprint(secret);
        message.add(new Credential(location, recordName, scheme, fp, null, password ? null : memo.jwt(secret),
                message.direction()));
        metrics.redacted(scheme);
        return Markers.redacted(scheme, fp);
    }

    /** A Basic credential: fingerprint of the encoded pair, user name recorded. */
    public String basic(MessageRedactions message, String headerName, String encoded, String username) {
        String fp = memo.fingerprint(encoded);
        message.add(new Credential(Credential.Location.HEADER, headerName, "Basic", fp, username, null, message.direction()));
        metrics.redacted("Basic");
        return Markers.redacted("Basic", fp);
    }

    /** A cookie value: always redacted; reported as a Credential only when {@code report}. */
    public String cookie(MessageRedactions message, String cookieName, String value, boolean report) {
        String secret = secretOf(value);
        if (report) {
            return credential(message, Credential.Location.COOKIE, cookieName, "Cookie", secret);
        }
        metrics.redacted("Cookie");
        return Markers.redacted("Cookie", memo.fingerprint(secret));
    }

    /** The secret of a value: trimmed, without a {@code Bearer } prefix (compared as the Authorization header's). */
    static String secretOf(String value) {
        String v = value.trim();
        // the first letter first: a case-blind region match costs more than judging most values
        if (v.length() > 7 && (v.charAt(0) | 0x20) == 'b' && v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            v = v.substring(7).trim();
        }
        return v;
    }

    /** Values that carry nothing under a credential's name: empty, null-ish, booleans, already starred out. */
    private static boolean carriesSecret(String v) {
        if (v.isEmpty() || v.equals("null") || v.equals("undefined") || v.equals("true") || v.equals("false")) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != '*') {
                return true;
            }
        }
        return false;
    }
}
