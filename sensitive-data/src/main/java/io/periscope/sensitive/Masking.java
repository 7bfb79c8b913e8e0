package io.periscope.sensitive;

/** Masking primitives shared by the detectors. Masked strings never contain more than a few edge characters. */
public final class Masking {
    private Masking() {
    }

    /** Keeps {@code head} leading and {@code tail} trailing characters; the rest becomes {@code *}. */
    public static String keepEnds(String value, int head, int tail) {
        int n = value.length();
        if (n <= head + tail + 2) {
            return "*".repeat(Math.max(4, n));
        }
        StringBuilder sb = new StringBuilder(n);
        sb.append(value, 0, head);
        sb.append("*".repeat(Math.min(12, n - head - tail)));
        sb.append(value, n - tail, n);
        return sb.toString();
    }

    /** Masks all but the last {@code keep} digits, keeping separators so the shape stays readable. */
    public static String keepLastDigits(String value, int keep) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        StringBuilder sb = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                sb.append(seen > digits - keep ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A value whose content must not show at all. */
    public static String redacted(String value) {
        return "[redacted " + value.length() + " chars]";
    }

    /** Digits of a value, without separators. */
    static String digitsOnly(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
