package io.periscope.detection.signature.locate;

import io.periscope.detection.signature.LocationKind;
import java.util.Locale;

/**
 * A {@code multipart/form-data} body: each part's {@code name} (from its Content-Disposition) and content, and the
 * uploaded file's name ({@code filename="../../etc/cron.d/x"} is a traversal). Parts are found by the boundary of the
 * request's Content-Type; a body without one, or cut short, yields what was complete.
 */
final class MultipartFields {
    private MultipartFields() {
    }

    /** The {@code boundary} parameter of a Content-Type header value, or null. */
    static String boundary(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        int b = lower.indexOf("boundary=");
        if (b < 0) {
            return null;
        }
        String v = contentType.substring(b + 9).trim();
        if (v.startsWith("\"")) {
            int close = v.indexOf('"', 1);
            return close > 1 ? v.substring(1, close) : null;
        }
        int semi = v.indexOf(';');
        v = (semi >= 0 ? v.substring(0, semi) : v).trim();
        return v.isEmpty() ? null : v;
    }

    static void read(String body, String boundary, Collector out) {
        String delimiter = "--" + boundary;
        int i = body.indexOf(delimiter);
        while (i >= 0 && !out.full()) {
            int headersStart = i + delimiter.length();
            if (body.startsWith("--", headersStart)) {
                return; // the closing delimiter
            }
            int next = body.indexOf(delimiter, headersStart);
            int partEnd = next < 0 ? body.length() : next;
            int blank = body.indexOf("\r\n\r\n", headersStart);
            int sep = 4;
            if (blank < 0 || blank > partEnd) {
                blank = body.indexOf("\n\n", headersStart);
                sep = 2;
            }
            if (blank < 0 || blank > partEnd) {
                return;
            }
            String headers = body.substring(headersStart, blank);
            int contentEnd = partEnd;
            if (contentEnd >= 2 && body.startsWith("\r\n", contentEnd - 2)) {
                contentEnd -= 2;
            } else if (contentEnd >= 1 && body.charAt(contentEnd - 1) == '\n') {
                contentEnd -= 1;
            }
            String name = parameter(headers, "name");
            String filename = parameter(headers, "filename");
            String field = name == null ? "" : name;
            if (filename != null) {
                out.add(LocationKind.MULTIPART_FIELD, field + ".filename", filename);
            }
            out.add(LocationKind.MULTIPART_FIELD, field, body.substring(Math.min(blank + sep, contentEnd), contentEnd));
            i = next;
        }
    }

    /** A quoted parameter of the part's Content-Disposition ({@code name="x"}), or null. */
    private static String parameter(String headers, String key) {
        String lower = headers.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int k = lower.indexOf(key + "=", from);
            if (k < 0) {
                return null;
            }
            boolean whole = k == 0 || lower.charAt(k - 1) == ' ' || lower.charAt(k - 1) == ';';
            int v = k + key.length() + 1;
            if (whole) {
                if (v < headers.length() && headers.charAt(v) == '"') {
                    int close = headers.indexOf('"', v + 1);
                    return close > v ? headers.substring(v + 1, close) : headers.substring(v + 1);
                }
                int end = v;
                while (end < headers.length() && headers.charAt(end) != ';' && headers.charAt(end) != '\r'
                        && headers.charAt(end) != '\n') {
                    end++;
                }
                return headers.substring(v, end).trim();
            }
            from = k + 1;
        }
    }
}
