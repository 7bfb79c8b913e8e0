package io.periscope.reassembly.redact;

import io.periscope.sensitive.CredentialShape;

/**
 * Character tests that prove redaction leaves a value or a text unchanged, so the hot paths skip the work of
 * judging it: building the value as a string, the JSON pointer and field name, every detector, the free-text pass.
 * Each test is one pass over the characters without allocation, and errs only towards "may change".
 *
 * <p>They hold under two conditions the callers check first: the value's field name is no credential's
 * ({@link CredentialNames}), and only the built-in sensitive types are masked (a user-defined type may match any
 * value). Then a value changes only by its shape or by a sensitive type, and:
 * <ul>
 *   <li>every credential shape ({@link CredentialShape}) has at least {@value CredentialShape#MIN_LENGTH}
 *       characters with no white space or delimiter in them (a private key starts with {@code -----BEGIN}), but a
 *       password hash, which may hold a {@code ,} and always holds a {@code $};</li>
 *   <li>every built-in sensitive type holds an {@code @} or at least {@value SensitiveMasker#MIN_DIGITS} ASCII digits, as
 *       {@link SensitiveMasker#mayMatch} asks;</li>
 *   <li>the free-text pass ({@link TextRedactor}) judges a word by its name only after a {@code :} or {@code =}.</li>
 * </ul>
 * The property tests ({@code InertValuesTest}) hold every test against the full path on hostile and random input.
 */
final class InertValues {
    private static final int MIN_DIGITS = SensitiveMasker.MIN_DIGITS;
    /** The longest delimiter-free word or value that cannot be a credential by its shape. */
    private static final int MAX_INERT_WORD = CredentialShape.MIN_LENGTH - 1;

    private InertValues() {
    }

    /**
     * Whether {@link ValueRedactor#value} returns {@code chars[off, off + len)} unchanged (under a field name that
     * is no credential's, built-in types only): shorter than any shape, no {@code @}, fewer than
     * {@value SensitiveMasker#MIN_DIGITS} digits.
     */
    static boolean value(char[] chars, int off, int len) {
        if (len > MAX_INERT_WORD) {
            return false;
        }
        int digits = 0;
        for (int i = off, end = off + len; i < end; i++) {
            char c = chars[i];
            if (c == '@' || c >= '0' && c <= '9' && ++digits >= MIN_DIGITS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an unnamed word {@code text[from, to)} of the free-text pass is returned unchanged: as {@link #value},
     * read in place, so the many words of prose are not copied out to be judged.
     */
    static boolean word(String text, int from, int to) {
        if (to - from > MAX_INERT_WORD) {
            return false;
        }
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '@' || c >= '0' && c <= '9' && ++digits >= MIN_DIGITS) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a JSON string value {@code chars[off, off + len)} comes through {@link JsonBodyRewriter} unchanged,
     * the free-text pass included: {@link #value} holds, and the text holds no name separator ({@code :} or
     * {@code =}) and no PEM boundary ({@code -----}). Shorter than any shape, none of its words can be one.
     */
    static boolean shortString(char[] chars, int off, int len) {
        if (len > MAX_INERT_WORD) {
            return false;
        }
        int digits = 0;
        int dashes = 0;
        for (int i = off, end = off + len; i < end; i++) {
            char c = chars[i];
            if (c == '@' || c == ':' || c == '=' || c >= '0' && c <= '9' && ++digits >= MIN_DIGITS) {
                return false;
            }
            dashes = c == '-' ? dashes + 1 : 0;
            if (dashes == 5) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #value} for the ASCII characters of a JSON number, read in the body's bytes. */
    static boolean number(byte[] bytes, int from, int to) {
        if (to - from > MAX_INERT_WORD) {
            return false;
        }
        int digits = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] >= '0' && bytes[i] <= '9' && ++digits >= MIN_DIGITS) {
                return false;
            }
        }
        return true;
    }

    /**
     * The test of {@link #text} fed one character at a time, for a reader that decodes characters as it goes
     * ({@link JsonBytesJudge}). Mutable and reused: one per reader.
     */
    static final class TextTest {
        private int digits;
        private int dashes;
        private int word;
        private int length;
        private boolean dollar;
        private boolean failed;

        void reset() {
            digits = 0;
            dashes = 0;
            word = 0;
            length = 0;
            dollar = false;
            failed = false;
        }

        void add(char c) {
            if (failed) {
                return;
            }
            length++;
            dollar |= c == '$';
            if (c == '@' || c == ':' || c == '=' || c >= '0' && c <= '9' && ++digits >= MIN_DIGITS) {
                failed = true;
                return;
            }
            dashes = c == '-' ? dashes + 1 : 0;
            word = TextRedactor.isDelimiter(c) ? 0 : word + 1;
            failed = dashes == 5 || word > MAX_INERT_WORD;
        }

        /** Whether {@link #text} holds for the characters added since {@link #reset}. */
        boolean holds() {
            return !failed;
        }

        /**
         * Whether {@link ValueRedactor#value} returns the characters added since {@link #reset} unchanged, as a whole
         * (under a name that is no credential's, built-in types only): {@link #holds}, and no {@code $} in a value long
         * enough for a shape. Every credential shape is one word too long for {@link #text} but a password hash,
         * which may hold a {@code ,} (a delimiter) and always holds a {@code $}.
         */
        boolean holdsForValue() {
            return !failed && (!dollar || length < CredentialShape.MIN_LENGTH);
        }
    }

    /**
     * Whether {@link TextRedactor#redact} returns {@code text} unchanged when no name precedes it: no name
     * separator, no PEM boundary, no {@code @}, fewer than {@value SensitiveMasker#MIN_DIGITS} digits in all (a word or a
     * grouped run has no more than the text), and every delimiter-free word shorter than any shape.
     */
    static boolean text(String text) {
        TextTest test = new TextTest(); // one rule for strings and for the byte pass; a short-lived local
        for (int i = 0, n = text.length(); i < n; i++) {
            test.add(text.charAt(i));
            if (!test.holds()) {
                return false;
            }
        }
        return true;
    }
}
