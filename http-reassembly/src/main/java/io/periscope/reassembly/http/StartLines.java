package io.periscope.reassembly.http;

import java.nio.charset.StandardCharsets;

/**
 * Recognition of request and status lines in raw bytes, used both to parse a message start and to
 * find the next one when a stream lost its framing (HTTP is recognized by content, never by port).
 */
final class StartLines {
    private static final String[] METHOD_NAMES = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
        "TRACE", "CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH"};
    private static final byte[][] METHODS = ascii(METHOD_NAMES);
    /** Reason phrases of RFC 9110 for the statuses APIs answer most, by status; shared instead of copied. */
    private static final String[] REASONS = new String[600];
    private static final byte[][] REASON_BYTES = new byte[600][];

    static {
        String[] common = {"200 OK", "201 Created", "202 Accepted", "204 No Content", "206 Partial Content",
            "301 Moved Permanently", "302 Found", "303 See Other", "304 Not Modified", "307 Temporary Redirect",
            "308 Permanent Redirect", "400 Bad Request", "401 Unauthorized", "403 Forbidden", "404 Not Found",
            "405 Method Not Allowed", "409 Conflict", "410 Gone", "412 Precondition Failed", "413 Content Too Large",
            "415 Unsupported Media Type", "422 Unprocessable Content", "429 Too Many Requests",
            "500 Internal Server Error", "502 Bad Gateway", "503 Service Unavailable", "504 Gateway Timeout"};
        for (String line : common) {
            int status = Integer.parseInt(line.substring(0, 3));
            REASONS[status] = line.substring(4);
            REASON_BYTES[status] = ascii(REASONS[status])[0];
        }
    }
    private static final byte[] HTTP1 = ascii("HTTP/1.")[0];
    private static final byte[] PREFACE = ascii("PRI * HTTP/2.0")[0];
    private static final int MAX_METHOD = 32;

    /**
     * A message start within a line.
     *
     * @param at        offset of the start line within the line (bytes before it are skipped)
     * @param request   a request line (else a status line)
     * @param malformed not a valid request line, but one a server would answer (with 400)
     */
    record Match(int at, boolean request, boolean malformed) {
    }

    // the matches of a line that is wholly a start line, by far the most common: shared, not allocated
    private static final Match REQUEST = new Match(0, true, false);
    private static final Match RESPONSE = new Match(0, false, false);
    private static final Match MALFORMED_REQUEST = new Match(0, true, true);

    private StartLines() {
    }

    /**
     * The message start in a line read by a direction of the given role, or null when there is none.
     * Where a message is due ({@code strict}, role known) the whole line must be the start line, a
     * request line that only reads as one being accepted as malformed; otherwise the start may follow
     * other bytes, and an unknown role accepts either kind (a request line first).
     */
    static Match find(Role role, boolean strict, byte[] b, int off, int len) {
        if (strict && role == Role.REQUESTS) {
            return requestLine(b, off, len) > 0 ? REQUEST
                    : malformedRequestLine(b, off, len) > 0 ? MALFORMED_REQUEST : null;
        }
        if (strict && role == Role.RESPONSES) {
            return statusLine(b, off, len) ? RESPONSE : null;
        }
        if (role != Role.RESPONSES) {
            int at = findRequestLine(b, off, len);
            if (at >= 0 || role == Role.REQUESTS) {
                return at < 0 ? null : at == 0 ? REQUEST : new Match(at, true, false);
            }
        }
        int at = findStatusLine(b, off, len);
        return at < 0 ? null : at == 0 ? RESPONSE : new Match(at, false, false);
    }

    /** The method {@code b[off..off+len)}: a shared string for a standard method, else a copy. */
    static String method(byte[] b, int off, int len) {
        for (int i = 0; i < METHODS.length; i++) {
            if (METHODS[i].length == len && regionMatches(b, off, METHODS[i])) {
                return METHOD_NAMES[i];
            }
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** The version at {@code b[off..off+8)}, already recognized as {@code HTTP/1.0} or {@code HTTP/1.1}. */
    static String version(byte[] b, int off) {
        return b[off + 7] == '1' ? "HTTP/1.1" : "HTTP/1.0";
    }

    /** The reason phrase {@code b[off..off+len)} of a status line: shared when it is the standard one. */
    static String reason(int status, byte[] b, int off, int len) {
        byte[] standard = status < REASON_BYTES.length ? REASON_BYTES[status] : null;
        if (standard != null && standard.length == len && regionMatches(b, off, standard)) {
            return REASONS[status];
        }
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static byte[][] ascii(String... s) {
        byte[][] out = new byte[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /** The HTTP/2 connection preface's first line. */
    static boolean isHttp2Preface(byte[] b, int off, int len) {
        return len == PREFACE.length && regionMatches(b, off, PREFACE);
    }

    /** Length of the method when {@code b[off..off+len)} is a whole request line, else -1. */
    static int requestLine(byte[] b, int off, int len) {
        int i = 0;
        while (i < len && i <= MAX_METHOD && isTchar(b[off + i])) {
            i++;
        }
        int method = i;
        if (method == 0 || method > MAX_METHOD || i >= len || b[off + i] != ' ') {
            return -1;
        }
        i++;
        int targetStart = i;
        while (i < len && b[off + i] != ' ') {
            int c = b[off + i] & 0xff;
            if (c < 0x21 || c == 0x7f) {
                return -1;
            }
            i++;
        }
        if (i == targetStart || i >= len) {
            return -1;
        }
        i++;
        return len - i == 8 && isHttp1Version(b, off + i) ? method : -1;
    }

    /**
     * Length of the method when the line, though not a valid request line, still reads as a request
     * a server would answer (with 400): a method token, then nothing or a space and printable text.
     * Only used where a request must start (scanners send such lines; they deserve a record).
     */
    static int malformedRequestLine(byte[] b, int off, int len) {
        int i = 0;
        while (i < len && i <= MAX_METHOD && isTchar(b[off + i])) {
            i++;
        }
        if (i == 0 || i > MAX_METHOD || (i < len && b[off + i] != ' ')) {
            return -1;
        }
        for (int j = i; j < len; j++) {
            int c = b[off + j] & 0xff;
            if (c < 0x20 || c == 0x7f) {
                return -1;
            }
        }
        return i;
    }

    /** Whether {@code b[off..off+len)} is a whole status line ({@code HTTP/1.x 3DIGIT [SP reason]}). */
    static boolean statusLine(byte[] b, int off, int len) {
        if (len < 12 || !isHttp1Version(b, off) || b[off + 8] != ' ') {
            return false;
        }
        for (int i = 9; i < 12; i++) {
            if (b[off + i] < '0' || b[off + i] > '9') {
                return false;
            }
        }
        return len == 12 || b[off + 12] == ' ';
    }

    /** Offset within the line at which a status line starts (possibly after garbage), or -1. */
    static int findStatusLine(byte[] b, int off, int len) {
        for (int i = 0; i + 12 <= len; i++) {
            if (b[off + i] == 'H' && statusLine(b, off + i, len - i)) {
                return i;
            }
        }
        return -1;
    }

    /** Offset within the line at which a request line starts (possibly after garbage), or -1. */
    static int findRequestLine(byte[] b, int off, int len) {
        if (requestLine(b, off, len) > 0) {
            return 0;
        }
        if (len < 14 || !isHttp1Version(b, off + len - 8)) {
            return -1;
        }
        for (int i = 1; i < len - 10; i++) {
            for (byte[] m : METHODS) {
                if (b[off + i] == m[0] && i + m.length < len && b[off + i + m.length] == ' '
                        && regionMatches(b, off + i, m) && requestLine(b, off + i, len - i) > 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean isHttp1Version(byte[] b, int off) {
        return regionMatches(b, off, HTTP1) && (b[off + 7] == '0' || b[off + 7] == '1');
    }

    private static boolean regionMatches(byte[] b, int off, byte[] what) {
        if (off < 0 || off + what.length > b.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (b[off + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 token characters. */
    static boolean isTchar(byte c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
