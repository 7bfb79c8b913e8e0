package io.periscope.discovery.sensitive;

import java.util.Locale;

/**
 * A field name reduced for matching: the last segment of a JSON path, lower case, without separators,
 * so that {@code $.user.phone_number}, {@code phoneNumber} and {@code Phone-Number} all read {@code phonenumber}.
 */
public record FieldName(String raw, String normalized) {
    public static final FieldName NONE = new FieldName("", "");

    public static FieldName of(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        int start = 0;
        for (int i = raw.length() - 1; i >= 0; i--) {
            char c = raw.charAt(i);
            if (c == '.' || c == '$') {
                start = i + 1;
                break;
            }
        }
        StringBuilder sb = new StringBuilder(raw.length() - start);
        for (int i = start; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return new FieldName(raw, sb.toString());
    }

    /** True when the normalized name contains any of the given lower-case fragments. */
    public boolean containsAny(String... fragments) {
        for (String f : fragments) {
            if (normalized.contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** True when the normalized name ends with any of the given lower-case fragments. */
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
                && !containsAny("phone", "mobile", "card", "ssn", "social", "iban", "account");
    }

    @Override
    public String toString() {
        return raw.toLowerCase(Locale.ROOT);
    }
}
