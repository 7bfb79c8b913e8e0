package io.periscope.sensitive;

/** The shape shared by payment card numbers and phone numbers: digits with a few separators between them. */
final class DigitShape {
    private DigitShape() {
    }

    /**
     * The number of ASCII digits in {@code value} when every other character is one of {@code separators} (or a
     * {@code +} in front, where {@code leadingPlus}), else -1. Reads the value once and allocates nothing.
     */
    static int digits(String value, String separators, boolean leadingPlus) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (separators.indexOf(c) < 0 && !(leadingPlus && c == '+' && i == 0)) {
                return -1;
            }
        }
        return digits;
    }
}
