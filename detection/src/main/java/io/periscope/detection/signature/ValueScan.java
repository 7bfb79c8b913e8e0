package io.periscope.detection.signature;

/**
 * Which characters one value holds, read in one pass and shared by every detector's {@link ValueDetector#mayMatch}
 * gate: most benign values (ids, names, numbers, dates, plain words) hold none of the characters an attack needs, and
 * answering that once is far cheaper than letting ten detectors each scan, lower-case and tokenize the value.
 *
 * <p>Immutable; one per decoded form of a value.
 */
public final class ValueScan {
    private final String value;
    private final long low;
    private final long high;
    private final boolean nonAscii;

    private ValueScan(String value, long low, long high, boolean nonAscii) {
        this.value = value;
        this.low = low;
        this.high = high;
        this.nonAscii = nonAscii;
    }

    public static ValueScan of(String value) {
        long low = 0;
        long high = 0;
        boolean nonAscii = false;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 64) {
                low |= 1L << c;
            } else if (c < 128) {
                high |= 1L << (c - 64);
            } else {
                nonAscii = true;
            }
        }
        return new ValueScan(value, low, high, nonAscii);
    }

    /** The value scanned. */
    public String value() {
        return value;
    }

    /** Whether the value holds any character of {@code mask}. */
    public boolean any(CharMask mask) {
        return (low & mask.low()) != 0 || (high & mask.high()) != 0;
    }

    /** Whether the value holds the ASCII character {@code c}; false for any other {@code c} (see {@link #nonAscii}). */
    public boolean has(char c) {
        return c < 64 ? (low & 1L << c) != 0 : c < 128 && (high & 1L << (c - 64)) != 0;
    }

    /** Whether every character of the value is in {@code mask} (true for the empty value). */
    public boolean only(CharMask mask) {
        return !nonAscii && (low & ~mask.low()) == 0 && (high & ~mask.high()) == 0;
    }

    /** Whether the value holds a character outside ASCII. */
    public boolean nonAscii() {
        return nonAscii;
    }
}
