package io.periscope.detection.decode;

/**
 * Decodes the escapes of JavaScript, JSON and C-like strings that payloads use to spell a quote, a bracket or a
 * keyword without writing it: backslash-u with four hex digits or braces, backslash-x with two. Other backslashes stay as written (they
 * matter to the detectors: {@code \'} in SQL, {@code ..\} in a path).
 */
public final class CharacterEscapes {

    /** Hex digits accepted inside braces after backslash-u; more cannot name a code point. */
    private static final int MAX_BRACED_DIGITS = 6;

    private CharacterEscapes() {
    }

    /** True if {@code value} contains a backslash, the only way an escape starts. */
    public static boolean mayChange(String value) {
        return value.indexOf('\\') >= 0;
    }

    /** Decodes every escape in {@code value}; returns {@code value} itself if there is none. */
    public static String decode(String value) {
        if (!mayChange(value)) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char k = value.charAt(i + 1);
                if ((k == 'u' || k == 'U') && i + 5 < n && hex4(value, i + 2)) {
                    out.append((char) (PercentDecoding.hex(value.charAt(i + 2)) << 12
                            | PercentDecoding.hex(value.charAt(i + 3)) << 8
                            | PercentDecoding.hex(value.charAt(i + 4)) << 4 | PercentDecoding.hex(value.charAt(i + 5))));
                    i += 6;
                    continue;
                }
                if (k == 'u' && i + 2 < n && value.charAt(i + 2) == '{') {
                    int j = i + 3;
                    int cp = 0;
                    while (j < n && j - i - 3 < MAX_BRACED_DIGITS && PercentDecoding.isHex(value.charAt(j))) {
                        cp = cp << 4 | PercentDecoding.hex(value.charAt(j));
                        j++;
                    }
                    if (j > i + 3 && j < n && value.charAt(j) == '}' && cp <= Character.MAX_CODE_POINT
                            && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                        out.appendCodePoint(cp);
                        i = j + 1;
                        continue;
                    }
                }
                if ((k == 'x' || k == 'X') && i + 3 < n && PercentDecoding.isHex(value.charAt(i + 2))
                        && PercentDecoding.isHex(value.charAt(i + 3))) {
                    out.append((char) (PercentDecoding.hex(value.charAt(i + 2)) << 4 | PercentDecoding.hex(value.charAt(i + 3))));
                    i += 4;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean hex4(String value, int at) {
        for (int k = 0; k < 4; k++) {
            if (!PercentDecoding.isHex(value.charAt(at + k))) {
                return false;
            }
        }
        return true;
    }
}
