package io.periscope.sensitive;

/**
 * A field name reduced for matching: lower case without separators, so that {@code phone_number},
 * {@code phoneNumber} and {@code Phone-Number} all read {@code phonenumber}. {@link #normalized()} covers the
 * whole JSON path ({@code $.card.number} reads {@code cardnumber}, keeping the parent's meaning);
 * {@link #last()} only its last segment.
 */
public record FieldName(String raw, String normalized, String last) {
    public static final FieldName NONE = new FieldName("", "", "");

    public static FieldName of(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        int lastStart = 0;
        for (int i = raw.length() - 1; i >= 0; i--) {
            char c = raw.charAt(i);
            if (c == '.' || c == '$') {
                lastStart = i + 1;
                break;
            }
        }
        return new FieldName(raw, letters(raw, 0), letters(raw, lastStart));
    }

    private static String letters(String raw, int from) {
        StringBuilder sb = new StringBuilder(raw.length() - from);
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }

    /** True when the whole normalized path contains any of the given lower-case fragments. */
    public boolean containsAny(String... fragments) {
        for (String f : fragments) {
            if (normalized.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** True when the last segment contains any of the fragments. */
    public boolean lastContainsAny(String... fragments) {
        for (String f : fragments) {
            if (last.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** True when the name ends with any of the given lower-case fragments. */
    public boolean endsWithAny(String... fragments) {
        for (String f : fragments) {
            if (normalized.endsWith(f)) {
                return true;
            }
        }
        return false;
    }

    /** Names of identifiers, counters and amounts: numbers in them are not personal data. */
    public boolean looksLikeNonPersonalNumber() {
        return endsWithAny("id", "ids", "number", "no", "count", "total", "amount", "quantity", "qty", "sku",
                "ref", "reference", "version", "timestamp", "ts", "code", "price", "size", "offset", "limit", "page")
                && !containsAny("phone", "mobile", "card", "ssn", "social", "iban", "account", "pan");
    }
}
