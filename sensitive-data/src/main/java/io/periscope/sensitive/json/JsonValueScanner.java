package io.periscope.sensitive.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks a JSON document byte by byte and hands every string and number value to a {@link Sink} with its JSON path
 * in discovery's form ({@code $.user.email}, {@code $.items[*].iban}, {@code $[*].id}: array elements share
 * {@code [*]}). No tree is built and nothing is parsed twice: one forward pass, no recursion, no regular
 * expression. Hostile input is bounded:
 * <ul>
 *   <li><b>depth</b>: containers deeper than {@code maxDepth} are still walked (their values still reported, under
 *   the path of the deepest tracked container), but only a counter is kept for them, so {@code [[[[...} of any
 *   length costs one int;</li>
 *   <li><b>long strings</b>: a value longer than {@code maxValueLength} characters is skipped to its closing quote
 *   without being decoded (no detector reads values that long);</li>
 *   <li><b>invalid UTF-8</b> decodes to U+FFFD (the value is still judged); bad escapes are kept as written;</li>
 *   <li><b>malformed or cut documents</b> stop the walk where the grammar breaks, with the values before that
 *   point reported and the reason in the {@link Result}.</li>
 * </ul>
 * Lenient where leniency costs nothing: literals are not validated ({@code tru} is a scalar), trailing bytes after
 * the document are ignored. The field name paths of objects that repeat (records of an array) are cached per depth
 * by their raw bytes, so a 300-record response builds each path string once. One instance per thread.
 */
public final class JsonValueScanner {
    /** Receives the values of one document. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One string or number value.
         *
         * @param path  the value's JSON path (array elements as {@code [*]})
         * @param value the value decoded (a number as written)
         */
        void value(String path, String value);
    }

    /** Why the walk ended. */
    public enum Stop {
        /** The document ended cleanly (trailing bytes after it are ignored). */
        COMPLETE,
        /** The input ended inside the document: a body cut by a cap or a gap. */
        TRUNCATED,
        /** The bytes broke JSON's grammar at {@link Result#end()}. */
        MALFORMED
    }

    /**
     * @param end            the offset where the walk ended (exclusive)
     * @param stop           why
     * @param deepestSkipped true when containers past the depth bound were walked without their own paths
     */
    public record Result(int end, Stop stop, boolean deepestSkipped) {
    }

    /** Distinct field names remembered per depth for path reuse; records rarely have more fields than this. */
    private static final int NAMES_PER_DEPTH = 32;

    private final int maxDepth;
    private final int maxValueLength;
    /** Per depth: 0 = object, 1 = array. */
    private final byte[] kinds;
    /** Per depth: the path of the container itself. */
    private final String[] containerPaths;
    /** Per depth: the path its elements get ({@code container[*]}) for arrays, cached by container path identity. */
    private final String[] elementPaths;
    private final String[] elementPathOwners;
    /** Per depth: recent field names (raw bytes) and their paths, valid while the container path is the same. */
    private final byte[][][] nameBytes;
    private final String[][] namePaths;
    private final int[] nameCounts;
    private final String[] nameOwners;
    private char[] chars = new char[256];

    /**
     * @param maxDepth       containers tracked with their own paths (at least 1)
     * @param maxValueLength values longer than this many characters are not reported
     */
    public JsonValueScanner(int maxDepth, int maxValueLength) {
        if (maxDepth < 1 || maxValueLength < 1) {
            throw new IllegalArgumentException("maxDepth and maxValueLength must be positive");
        }
        this.maxDepth = maxDepth;
        this.maxValueLength = maxValueLength;
        kinds = new byte[maxDepth + 1];
        containerPaths = new String[maxDepth + 1];
        elementPaths = new String[maxDepth + 1];
        elementPathOwners = new String[maxDepth + 1];
        nameBytes = new byte[maxDepth + 1][NAMES_PER_DEPTH][];
        namePaths = new String[maxDepth + 1][NAMES_PER_DEPTH];
        nameCounts = new int[maxDepth + 1];
        nameOwners = new String[maxDepth + 1];
    }

    private static final int VALUE = 0;
    private static final int VALUE_OR_END = 1;
    private static final int NAME = 2;
    private static final int NAME_OR_END = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;

    /**
     * Walks {@code b[from, to)}; values that end at or before {@code reportFrom} are walked but neither decoded nor
     * reported (a caller that has already judged a prefix of the body asks only for the rest).
     */
    public Result scan(byte[] b, int from, int to, int reportFrom, Sink sink) {
        int depth = 0; // containers open and tracked (kinds[1..depth])
        int skipped = 0; // containers open beyond maxDepth
        boolean deepest = false;
        String valuePath = "$"; // the path of the value expected next
        int expect = VALUE;
        int i = from;
        while (i < to) {
            byte c = b[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
                continue;
            }
            if (skipped > 0) {
                // past the depth bound: brackets are counted, strings reported under the deepest tracked path
                if (c == '{' || c == '[') {
                    skipped++;
                    i++;
                } else if (c == '}' || c == ']') {
                    skipped--;
                    i++;
                    if (skipped == 0) {
                        expect = AFTER_VALUE;
                    }
                } else if (c == '"') {
                    int end = stringEnd(b, i + 1, to);
                    if (end < 0) {
                        return new Result(to, Stop.TRUNCATED, true);
                    }
                    if (end > reportFrom) {
                        report(b, i + 1, end - 1, containerPaths[depth], sink);
                    }
                    i = end;
                } else {
                    i++;
                }
                continue;
            }
            switch (expect) {
                case VALUE, VALUE_OR_END -> {
                    if (c == '{' || c == '[') {
                        if (depth == maxDepth) {
                            skipped = 1;
                            deepest = true;
                            i++;
                            continue;
                        }
                        depth++;
                        kinds[depth] = (byte) (c == '{' ? 0 : 1);
                        containerPaths[depth] = valuePath;
                        if (c == '[') {
                            valuePath = elementPath(depth, valuePath);
                            expect = VALUE_OR_END;
                        } else {
                            expect = NAME_OR_END;
                        }
                        i++;
                    } else if (c == ']' && expect == VALUE_OR_END) {
                        depth--;
                        expect = AFTER_VALUE;
                        i++;
                    } else if (c == '"') {
                        int end = stringEnd(b, i + 1, to);
                        if (end < 0) {
                            return new Result(to, Stop.TRUNCATED, deepest);
                        }
                        if (end > reportFrom) {
                            report(b, i + 1, end - 1, valuePath, sink);
                        }
                        i = end;
                        expect = AFTER_VALUE;
                    } else if (c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
                        int end = scalarEnd(b, i, to);
                        if (end == to && depth > 0) {
                            return new Result(to, Stop.TRUNCATED, deepest); // a number may go on
                        }
                        if (c != 't' && c != 'f' && c != 'n' && end > reportFrom && end - i <= maxValueLength) {
                            sink.value(valuePath, new String(b, i, end - i, StandardCharsets.ISO_8859_1));
                        }
                        i = end;
                        expect = AFTER_VALUE;
                    } else {
                        return new Result(i, Stop.MALFORMED, deepest);
                    }
                }
                case NAME, NAME_OR_END -> {
                    if (c == '}' && expect == NAME_OR_END) {
                        depth--;
                        expect = AFTER_VALUE;
                        i++;
                    } else if (c == '"') {
                        int end = stringEnd(b, i + 1, to);
                        if (end < 0) {
                            return new Result(to, Stop.TRUNCATED, deepest);
                        }
                        valuePath = namePath(depth, b, i + 1, end - 1);
                        i = end;
                        expect = COLON;
                    } else {
                        return new Result(i, Stop.MALFORMED, deepest);
                    }
                }
                case COLON -> {
                    if (c != ':') {
                        return new Result(i, Stop.MALFORMED, deepest);
                    }
                    i++;
                    expect = VALUE;
                }
                default -> { // AFTER_VALUE
                    if (depth == 0) {
                        return new Result(i, Stop.COMPLETE, deepest);
                    }
                    boolean object = kinds[depth] == 0;
                    if (c == ',') {
                        expect = object ? NAME : VALUE;
                        if (!object) {
                            valuePath = elementPath(depth, containerPaths[depth]);
                        }
                    } else if (c == (object ? '}' : ']')) {
                        depth--; // the next value's path is set by the ',' or the name that precedes it
                    } else {
                        return new Result(i, Stop.MALFORMED, deepest);
                    }
                    i++;
                }
            }
        }
        boolean done = depth == 0 && skipped == 0 && expect == AFTER_VALUE;
        return new Result(to, done ? Stop.COMPLETE : Stop.TRUNCATED, deepest);
    }

    /** The offset after the closing quote of a string whose content starts at {@code i}, or -1 when it is cut. */
    private static int stringEnd(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** The offset after a number or literal: the first structural byte or white space. */
    private static int scalarEnd(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ':'
                    || c == '"' || c == '{' || c == '[') {
                return i;
            }
            i++;
        }
        return to;
    }

    /** Reports the string {@code b[start, end)} (without quotes) under {@code path} unless it is too long or empty. */
    private void report(byte[] b, int start, int end, String path, Sink sink) {
        int n = end - start;
        // a character takes at most 6 bytes (the \\uXXXX form), so more bytes than 6 × the bound are always too long
        if (n == 0 || n > 6L * maxValueLength) {
            return;
        }
        String v = decode(b, start, end);
        if (v.length() <= maxValueLength) {
            sink.value(path, v);
        }
    }

    /** The element path of the array at {@code depth} whose own path is {@code container}; built once per array path. */
    private String elementPath(int depth, String container) {
        if (elementPathOwners[depth] != container) {
            elementPathOwners[depth] = container;
            elementPaths[depth] = container + "[*]";
        }
        return elementPaths[depth];
    }

    /** The path of field {@code b[start, end)} of the object at {@code depth}, reused when the name repeats. */
    private String namePath(int depth, byte[] b, int start, int end) {
        String owner = containerPaths[depth];
        if (nameOwners[depth] != owner) {
            nameOwners[depth] = owner;
            nameCounts[depth] = 0;
        }
        byte[][] names = nameBytes[depth];
        int count = nameCounts[depth];
        for (int k = 0; k < count; k++) {
            byte[] n = names[k];
            if (n.length == end - start && Arrays.equals(n, 0, n.length, b, start, end)) {
                return namePaths[depth][k];
            }
        }
        String path = owner + "." + decode(b, start, end);
        if (count < NAMES_PER_DEPTH) {
            names[count] = Arrays.copyOfRange(b, start, end);
            namePaths[depth][count] = path;
            nameCounts[depth] = count + 1;
        }
        return path;
    }

    /** Decodes a JSON string's content: UTF-8 (invalid sequences become U+FFFD) with escapes undone. */
    private String decode(byte[] b, int start, int end) {
        int backslash = -1;
        for (int k = start; k < end; k++) {
            if (b[k] == '\\') {
                backslash = k;
                break;
            }
        }
        if (backslash < 0) {
            return new String(b, start, end - start, StandardCharsets.UTF_8);
        }
        String plain = new String(b, start, end - start, StandardCharsets.UTF_8);
        if (chars.length < plain.length()) {
            chars = new char[plain.length()];
        }
        int n = 0;
        for (int k = 0; k < plain.length(); k++) {
            char c = plain.charAt(k);
            if (c != '\\' || k + 1 >= plain.length()) {
                chars[n++] = c;
                continue;
            }
            char e = plain.charAt(++k);
            switch (e) {
                case 'n' -> chars[n++] = '\n';
                case 't' -> chars[n++] = '\t';
                case 'r' -> chars[n++] = '\r';
                case 'b' -> chars[n++] = '\b';
                case 'f' -> chars[n++] = '\f';
                case 'u' -> {
                    int cp = k + 4 < plain.length() ? hex4(plain, k + 1) : -1;
                    if (cp < 0) {
                        chars[n++] = '\\'; // a bad escape is kept as written
                        chars[n++] = 'u';
                    } else {
                        chars[n++] = (char) cp;
                        k += 4;
                    }
                }
                default -> chars[n++] = e; // \" \\ \/ and anything else: the character itself
            }
        }
        return new String(chars, 0, n);
    }

    private static int hex4(String s, int at) {
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
