package io.periscope.detection.decode;

/**
 * Decodes UTF-8 the way a careless server does: it accepts overlong sequences ({@code C0 AE} is {@code .},
 * {@code E0 80 AF} is {@code /}), because old servers and some application decoders did, and those forms exist only
 * to slip a dot or a slash past a filter. A byte that starts no valid sequence is taken as its Latin-1 character so
 * that nothing is lost.
 */
final class Utf8Lenient {

    private Utf8Lenient() {
    }

    /** Appends the characters {@code bytes[0..length)} stand for to {@code out}. */
    static void decode(byte[] bytes, int length, StringBuilder out) {
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            int need;
            int cp;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            } else if (b >= 0xC0 && b < 0xE0) {
                need = 1;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b < 0xF0) {
                need = 2;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b < 0xF8) {
                need = 3;
                cp = b & 0x07;
            } else {
                out.append((char) b);
                i++;
                continue;
            }
            if (i + need >= length) {
                out.append((char) b);
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (!ok || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append((char) b);
                i++;
                continue;
            }
            out.appendCodePoint(cp);
            i += need + 1;
        }
    }
}
