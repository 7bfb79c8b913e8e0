package io.periscope.reassembly.redact;

import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Rewrites a {@code multipart/form-data} body part by part: a field (no file name) or a textual file part is
 * decoded as UTF-8 and rewritten (JSON parts by the JSON rewriter, others as one named value, then as text);
 * binary file parts keep their bytes. Boundaries and part headers are kept as sent; a body cut inside a part is
 * rewritten up to its end. One instance per worker thread.
 */
public final class MultipartBodyRewriter {
    private final ValueRedactor values;
    private final TextRedactor text;
    private final JsonBodyRewriter json;

    public MultipartBodyRewriter(ValueRedactor values, TextRedactor text, JsonBodyRewriter json) {
        this.values = values;
        this.text = text;
        this.json = json;
    }

    /** The boundary parameter of a multipart Content-Type header, or null. */
    public static String boundary(String contentTypeHeader) {
        if (contentTypeHeader == null) {
            return null;
        }
        for (String param : contentTypeHeader.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String b = p.substring(9).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** The rewritten body, or null when it holds no part delimited by {@code boundary} (then scan it as text). */
    public byte[] rewrite(MessageRedactions message, byte[] content, String boundary) {
        // ISO-8859-1: one char per byte, so offsets are byte offsets and binary parts survive unchanged
        String body = new String(content, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int first = body.indexOf(delimiter);
        if (first < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(body.length() + 64).append(body, 0, first);
        int at = first;
        boolean changed = false;
        while (at >= 0 && at < body.length()) {
            int headersStart = at + delimiter.length();
            int next = body.indexOf("\r\n" + delimiter, headersStart);
            int partEnd = next < 0 ? body.length() : next;
            int blank = body.indexOf("\r\n\r\n", headersStart);
            if (blank < 0 || blank >= partEnd) {
                out.append(body, at, partEnd);
            } else {
                String headers = body.substring(headersStart, blank);
                out.append(body, at, blank + 4);
                String part = body.substring(blank + 4, partEnd);
                String r = part(message, headers, part);
                changed |= r != part;
                out.append(r);
            }
            at = next < 0 ? -1 : next + 2;
            if (next >= 0) {
                out.append("\r\n");
            }
        }
        return changed ? out.toString().getBytes(StandardCharsets.ISO_8859_1) : content;
    }

    private String part(MessageRedactions message, String headers, String latin1) {
        String lower = headers.toLowerCase(Locale.ROOT);
        String name = param(headers, lower, "name=");
        boolean file = lower.contains("filename=");
        String type = partType(lower);
        boolean textual = type == null ? !file : BodyRedactor.textual(type) || Body.isJsonMediaType(type);
        if (!textual) {
            return latin1;
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        if (type != null && Body.isJsonMediaType(type)) {
            byte[] rewritten = json.rewrite(message, bytes);
            return rewritten == bytes ? latin1 : new String(rewritten, StandardCharsets.ISO_8859_1);
        }
        String value = new String(bytes, StandardCharsets.UTF_8);
        String r = values.value(message, Credential.Location.BODY, name, name, value);
        if (r == value) {
            r = text.redact(message, value);
        }
        return r == value ? latin1 : new String(r.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String partType(String lowerHeaders) {
        int i = lowerHeaders.indexOf("content-type:");
        if (i < 0) {
            return null;
        }
        int end = lowerHeaders.indexOf("\r\n", i);
        String v = lowerHeaders.substring(i + 13, end < 0 ? lowerHeaders.length() : end);
        int semi = v.indexOf(';');
        return (semi < 0 ? v : v.substring(0, semi)).trim();
    }

    /** A Content-Disposition parameter ({@code name="x"}), quoted or not; the first match not part of {@code filename=}. */
    private static String param(String headers, String lower, String key) {
        int i = -1;
        do {
            i = lower.indexOf(key, i + 1);
        } while (i > 0 && Character.isLetter(lower.charAt(i - 1)));
        if (i < 0) {
            return null;
        }
        int from = i + key.length();
        if (from < headers.length() && headers.charAt(from) == '"') {
            int close = headers.indexOf('"', from + 1);
            return headers.substring(from + 1, close < 0 ? headers.length() : close);
        }
        int end = from;
        while (end < headers.length() && headers.charAt(end) != ';' && headers.charAt(end) != '\r') {
            end++;
        }
        return headers.substring(from, end).trim();
    }
}
