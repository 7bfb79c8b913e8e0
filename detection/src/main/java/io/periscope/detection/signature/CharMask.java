package io.periscope.detection.signature;

/**
 * A set of ASCII characters as two 64-bit words, so a {@link ValueScan} answers "does the value hold any of these?"
 * or "only these?" with two {@code AND}s. Non-ASCII characters are not members; {@link ValueScan} tracks them apart.
 *
 * @param low  bit {@code c} set for member {@code c < 64}
 * @param high bit {@code c - 64} set for member {@code 64 <= c < 128}
 */
public record CharMask(long low, long high) {

    /** ASCII letters and digits. */
    public static final CharMask ALPHANUMERIC = range('a', 'z').or(range('A', 'Z')).or(range('0', '9'));

    /** The given characters, each ASCII. */
    public static CharMask of(String chars) {
        long low = 0;
        long high = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c >= 128) {
                throw new IllegalArgumentException("not ASCII: " + (int) c);
            }
            if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        return new CharMask(low, high);
    }

    /** The ASCII characters from {@code from} to {@code to}, both included. */
    public static CharMask range(char from, char to) {
        StringBuilder sb = new StringBuilder();
        for (char c = from; c <= to; c++) {
            sb.append(c);
        }
        return of(sb.toString());
    }

    public CharMask or(CharMask other) {
        return new CharMask(low | other.low, high | other.high);
    }

    public boolean contains(char c) {
        return c < 64 ? (low & 1L << c) != 0 : c < 128 && (high & 1L << (c - 64)) != 0;
    }
}
