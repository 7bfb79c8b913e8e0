package io.periscope.detection.decode;

/**
 * One round of URL percent-decoding: {@code %HH} runs are decoded as (lenient, overlong-tolerant) UTF-8,
 * {@code %uXXXX} (the IIS form) as a UTF-16 unit, and optionally {@code +} as a space. A {@code %} that starts no
 * escape stays as it is, as servers leave it.
 */
public final class PercentDecoding {

    private PercentDecoding() {
    }

    /** True if one round of {@link #decode} may change {@code value}. */
    public static boolean mayChange(String value, boolean plusAsSpace) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+')) {
                return true;
            }
        }
        return false;
    }

    /** One decoding round over {@code value}; returns {@code value} itself if nothing changed. */
    public static String decode(String value, boolean plusAsSpace) {
        if (!mayChange(value, plusAsSpace)) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n);
        byte[] run = new byte[Math.min(n / 3 + 1, 4096)];
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < n && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                // a run of %HH: collect the bytes and decode them together so multi-byte (and overlong) UTF-8 works
                int len = 0;
                while (i + 2 < n && value.charAt(i) == '%' && isHex(value.charAt(i + 1)) && isHex(value.charAt(i + 2))) {
                    if (len == run.length) {
                        Utf8Lenient.decode(run, len, out);
                        len = 0;
                    }
                    run[len++] = (byte) (hex(value.charAt(i + 1)) << 4 | hex(value.charAt(i + 2)));
                    i += 3;
                }
                Utf8Lenient.decode(run, len, out);
            } else if (c == '%' && i + 5 < n && (value.charAt(i + 1) == 'u' || value.charAt(i + 1) == 'U')
                    && isHex(value.charAt(i + 2)) && isHex(value.charAt(i + 3))
                    && isHex(value.charAt(i + 4)) && isHex(value.charAt(i + 5))) {
                out.append((char) (hex(value.charAt(i + 2)) << 12 | hex(value.charAt(i + 3)) << 8
                        | hex(value.charAt(i + 4)) << 4 | hex(value.charAt(i + 5))));
                i += 6;
            } else if (c == '+' && plusAsSpace) {
                out.append(' ');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int hex(char c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
