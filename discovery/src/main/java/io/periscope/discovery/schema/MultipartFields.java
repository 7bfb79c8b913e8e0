package io.periscope.discovery.schema;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the field names of a {@code multipart/form-data} body from the {@code Content-Disposition} of
 * each part. Values are not read: parts are usually files, and the body is often truncated by the capture cap.
 */
public final class MultipartFields {
    public static final int MAX_PARTS = 256;

    private MultipartFields() {
    }

    /**
     * Reports each part's name: type {@code string:binary} for parts with a file name, else {@code string}.
     * The boundary is not needed: every part header carries a Content-Disposition.
     */
    public static int read(byte[] body, FieldSink sink) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        String lower = s.toLowerCase(Locale.ROOT);
        int parts = 0;
        int from = 0;
        while (parts < MAX_PARTS) {
            int cd = lower.indexOf("content-disposition:", from);
            if (cd < 0) {
                break;
            }
            int eol = s.indexOf('\n', cd);
            String line = s.substring(cd, eol < 0 ? s.length() : eol);
            String name = attribute(line, "name");
            if (name != null) {
                boolean file = attribute(line, "filename") != null;
                sink.field(name, file ? new ValueType("string", "binary") : ValueType.STRING, null);
                parts++;
            }
            from = cd + 20;
        }
        return parts;
    }

    private static String attribute(String line, String attr) {
        String lower = line.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf(attr + "=", i)) >= 0) {
            char before = i == 0 ? ' ' : lower.charAt(i - 1);
            if (before == ' ' || before == ';') {
                int v = i + attr.length() + 1;
                if (v < line.length() && line.charAt(v) == '"') {
                    int end = line.indexOf('"', v + 1);
                    return end < 0 ? null : line.substring(v + 1, end);
                }
                int end = v;
                while (end < line.length() && line.charAt(end) != ';' && line.charAt(end) != '\r') {
                    end++;
                }
                return line.substring(v, end).trim();
            }
            i += attr.length();
        }
        return null;
    }
}
