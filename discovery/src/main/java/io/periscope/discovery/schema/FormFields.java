package io.periscope.discovery.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads {@code application/x-www-form-urlencoded} bodies: every field with its decoded value. */
public final class FormFields {
    /** Fields beyond this count are ignored. */
    public static final int MAX_FIELDS = 512;

    private FormFields() {
    }

    /** Returns false when the body is not valid form encoding (fields before the problem are reported). */
    public static boolean read(byte[] body, FieldSink sink) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        int fields = 0;
        int start = 0;
        while (start <= s.length() && fields < MAX_FIELDS) {
            int amp = s.indexOf('&', start);
            int end = amp < 0 ? s.length() : amp;
            if (end > start) {
                String pair = s.substring(start, end);
                int eq = pair.indexOf('=');
                try {
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? null : decode(pair.substring(eq + 1));
                    sink.field(name, value == null ? ValueType.STRING : ValueType.ofText(value), value);
                    fields++;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return true;
    }

    private static String decode(String s) {
        // bytes were read as ISO-8859-1 one-to-one; percent escapes are UTF-8
        return URLDecoder.decode(new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
