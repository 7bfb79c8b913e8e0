package io.periscope.detection.decode;

import java.util.Locale;
import java.util.Map;

/**
 * Decodes HTML character references: numeric ({@code &#60;}, {@code &#x3c;}, any number of leading zeros, the
 * {@code ;} optional as browsers allow) and the named ones that spell the characters a payload needs
 * ({@code &lt; &colon; &lpar; &Tab; &NewLine;} ...). A reference the table does not know stays as written.
 */
public final class HtmlEntities {

    /** Longest entity name in {@link #NAMED}; bounds the look-ahead after {@code &}. */
    private static final int MAX_NAME = 8;
    /** Significant digits of a numeric reference past which it is not a character any more; bounds the scan. */
    private static final int MAX_DIGITS = 7;

    private static final Map<String, Character> NAMED = Map.ofEntries(
            Map.entry("lt", '<'), Map.entry("gt", '>'), Map.entry("amp", '&'), Map.entry("quot", '"'),
            Map.entry("apos", '\''), Map.entry("nbsp", '\u00A0'), Map.entry("tab", '\t'), Map.entry("newline", '\n'),
            Map.entry("colon", ':'), Map.entry("sol", '/'), Map.entry("bsol", '\\'), Map.entry("lpar", '('),
            Map.entry("rpar", ')'), Map.entry("semi", ';'), Map.entry("equals", '='), Map.entry("comma", ','),
            Map.entry("period", '.'), Map.entry("excl", '!'), Map.entry("num", '#'), Map.entry("dollar", '$'),
            Map.entry("percnt", '%'), Map.entry("lsqb", '['), Map.entry("rsqb", ']'), Map.entry("lbrack", '['),
            Map.entry("rbrack", ']'), Map.entry("lcub", '{'), Map.entry("rcub", '}'), Map.entry("lbrace", '{'),
            Map.entry("rbrace", '}'), Map.entry("grave", '`'), Map.entry("hat", '^'), Map.entry("lowbar", '_'),
            Map.entry("verbar", '|'), Map.entry("vert", '|'), Map.entry("ast", '*'), Map.entry("plus", '+'),
            Map.entry("quest", '?'), Map.entry("commat", '@'), Map.entry("dash", '-'), Map.entry("hyphen", '-'));

    private HtmlEntities() {
    }

    /** True if {@code value} contains an {@code &}, the only way a reference starts. */
    public static boolean mayChange(String value) {
        return value.indexOf('&') >= 0;
    }

    /** Decodes every reference in {@code value}; returns {@code value} itself if there is none. */
    public static String decode(String value) {
        if (!mayChange(value)) {
            return value;
        }
        int n = value.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c != '&' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            int next = value.charAt(i + 1) == '#' ? numeric(value, i, out) : named(value, i, out);
            if (next < 0) {
                out.append(c);
                i++;
            } else {
                i = next;
            }
        }
        return out.toString();
    }

    /** Decodes {@code &#...} at {@code at}; returns the index after it, or -1 if it is not a reference. */
    private static int numeric(String value, int at, StringBuilder out) {
        int n = value.length();
        int i = at + 2;
        boolean hex = i < n && (value.charAt(i) == 'x' || value.charAt(i) == 'X');
        if (hex) {
            i++;
        }
        int start = i;
        while (i < n && value.charAt(i) == '0') {
            i++;
        }
        int cp = 0;
        int digits = 0;
        while (i < n) {
            char d = value.charAt(i);
            int v = hex ? (PercentDecoding.isHex(d) ? PercentDecoding.hex(d) : -1) : (d >= '0' && d <= '9' ? d - '0' : -1);
            if (v < 0) {
                break;
            }
            if (++digits > MAX_DIGITS) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + v;
            i++;
        }
        if (i == start) {
            return -1;
        }
        if (i < n && value.charAt(i) == ';') {
            i++;
        }
        if (cp == 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out.append('\uFFFD');
        } else {
            out.appendCodePoint(cp);
        }
        return i;
    }

    /** Decodes {@code &name;} at {@code at}; returns the index after it, or -1 if the name is unknown. */
    private static int named(String value, int at, StringBuilder out) {
        int n = value.length();
        int i = at + 1;
        while (i < n && i - at - 1 < MAX_NAME && isAsciiLetter(value.charAt(i))) {
            i++;
        }
        if (i == at + 1) {
            return -1;
        }
        String name = value.substring(at + 1, i).toLowerCase(Locale.ROOT);
        Character ch = NAMED.get(name);
        if (ch == null) {
            return -1;
        }
        boolean semicolon = i < n && value.charAt(i) == ';';
        // Browsers honour a few legacy references without the semicolon; those are the ones payloads use so.
        if (!semicolon && !(name.equals("lt") || name.equals("gt") || name.equals("amp") || name.equals("quot"))) {
            return -1;
        }
        out.append(ch.charValue());
        return semicolon ? i + 1 : i;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
