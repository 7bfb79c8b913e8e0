package io.periscope.reassembly.http;

import java.util.List;

/**
 * Content-Length per RFC 9112 §6.3: a list of identical values (from one field or repeated fields)
 * is that value; differing or invalid values make the framing unrecoverable.
 */
final class ContentLength {
    static final long ABSENT = -1;
    static final long INVALID = -2;
    static final long CONFLICT = -3;

    private ContentLength() {
    }

    static long parse(List<String> values) {
        long result = ABSENT;
        for (String field : values) {
            for (String part : field.split(",", -1)) {
                long v = parseDigits(part.trim());
                if (v < 0) {
                    return INVALID;
                }
                if (result != ABSENT && result != v) {
                    return CONFLICT;
                }
                result = v;
            }
        }
        return result;
    }

    private static long parseDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
