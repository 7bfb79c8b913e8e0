package io.periscope.discovery.template;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a request path into segments and percent-decodes them for classification. */
public final class PathSplitter {
    private PathSplitter() {
    }

    /** Non-empty segments of {@code path}, without the query; {@code /} and {@code ""} give an empty list. */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>(6);
        int end = path.indexOf('?');
        if (end < 0) {
            end = path.length();
        }
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || path.charAt(i) == '/') {
                if (i > start) {
                    out.add(path.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** Percent-decodes a segment as UTF-8; malformed escapes are kept as they are. {@code +} stays {@code +}. */
    public static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(segment.charAt(i + 1), 16) * 16 + Character.digit(segment.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
