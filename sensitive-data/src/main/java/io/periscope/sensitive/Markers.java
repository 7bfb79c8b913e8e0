package io.periscope.sensitive;

/**
 * The two markers that stand in for values the sensor must not publish. A fixed contract between the sensor,
 * every consumer of {@code periscope.exchanges} and the end-to-end tests (documented in docs/events.md):
 * <ul>
 *   <li>{@code [redacted:<Scheme>:<fingerprint>]}: a credential; the fingerprint is the keyed HMAC of the
 *       secret, equal wherever the same secret travels (header, query, cookie, body, either direction);</li>
 *   <li>{@code [masked:<type>:<masked form>]}: a sensitive value of a discovery detector type, with the
 *       detector's mask (e.g. the last four card digits).</li>
 * </ul>
 * The masked form never contains {@code ]}, so a marker always ends at its first {@code ]}.
 */
public final class Markers {
    public static final String REDACTED_PREFIX = "[redacted:";
    public static final String MASKED_PREFIX = "[masked:";

    private Markers() {
    }

    /** What a marker stands for. */
    public enum Kind { REDACTED, MASKED }

    /**
     * A parsed marker.
     *
     * @param kind   redacted credential or masked sensitive value
     * @param type   the credential scheme ({@code Bearer}, {@code Password}, ...) or the sensitive type
     * @param detail the fingerprint of a credential or the masked form of a sensitive value
     */
    public record Marker(Kind kind, String type, String detail) {
    }

    public static String redacted(String scheme, String fingerprint) {
        return REDACTED_PREFIX + scheme + ":" + fingerprint + "]";
    }

    public static String masked(String type, String maskedForm) {
        return MASKED_PREFIX + type + ":" + maskedForm.replace(']', ')') + "]";
    }

    /** True when {@code value} is wholly one marker (cheap: looks at the first and last characters). */
    public static boolean isMarker(String value) {
        return parse(value) != null;
    }

    /** The marker that {@code value} wholly is, or null. */
    public static Marker parse(String value) {
        if (value == null || value.length() < 10 || value.charAt(0) != '[' || value.charAt(value.length() - 1) != ']') {
            return null;
        }
        Kind kind;
        int from;
        if (value.startsWith(REDACTED_PREFIX)) {
            kind = Kind.REDACTED;
            from = REDACTED_PREFIX.length();
        } else if (value.startsWith(MASKED_PREFIX)) {
            kind = Kind.MASKED;
            from = MASKED_PREFIX.length();
        } else {
            return null;
        }
        int colon = value.indexOf(':', from);
        if (colon <= from || value.indexOf(']') != value.length() - 1) {
            return null;
        }
        return new Marker(kind, value.substring(from, colon), value.substring(colon + 1, value.length() - 1));
    }
}
