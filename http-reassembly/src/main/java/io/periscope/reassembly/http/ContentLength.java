package io.periscope.reassembly.http;

import java.util.List;

/**
 * Content-Length per RFC 9112 §6.3: a list of identical values (from one field or repeated fields)
 * is that value; differing or invalid values make the framing unrecoverable.
 *
 * @param kind   whether the header was absent, gave one length, or cannot be trusted
 * @param length the length when {@code kind} is {@link Kind#VALUE}, else 0
 */
record ContentLength(Kind kind, long length) {
    enum Kind {
        /** No Content-Length field. */
        ABSENT(null),
        /** One length, possibly repeated. */
        VALUE(null),
        /** A value that is not a non-negative decimal number of at most 18 digits. */
        INVALID(HttpError.BAD_CONTENT_LENGTH),
        /** Values that differ. */
        CONFLICT(HttpError.CONTENT_LENGTH_CONFLICT);

        private final HttpError error;

        Kind(HttpError error) {
            this.error = error;
        }

        /** The error that makes the message malformed, or null when the framing is usable. */
        HttpError error() {
            return error;
        }
    }

    private static final ContentLength ABSENT = new ContentLength(Kind.ABSENT, 0);
    private static final ContentLength INVALID = new ContentLength(Kind.INVALID, 0);
    private static final ContentLength CONFLICT = new ContentLength(Kind.CONFLICT, 0);

    static ContentLength parse(List<String> values) {
        long result = -1;
        for (int f = 0; f < values.size(); f++) { // indexed, and split in place: this runs for every message
            String field = values.get(f);
            int start = 0;
            while (true) {
                int comma = field.indexOf(',', start);
                int end = comma < 0 ? field.length() : comma;
                long v = parseDigits(field, start, end);
                if (v < 0) {
                    return INVALID;
                }
                if (result >= 0 && result != v) {
                    return CONFLICT;
                }
                result = v;
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        return result < 0 ? ABSENT : new ContentLength(Kind.VALUE, result);
    }

    /**
     * The value of {@code s[from..to)} without surrounding white space (as {@link String#trim()} removes it) when
     * that is a non-empty run of at most 18 decimal digits, else -1.
     */
    private static long parseDigits(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
