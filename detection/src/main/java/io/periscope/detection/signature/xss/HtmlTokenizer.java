package io.periscope.detection.signature.xss;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the tags in a value as an HTML5 tokenizer would: {@code <} followed by a letter opens a start tag,
 * {@code </} and a letter an end tag; the name runs to whitespace, {@code /} or {@code >}; attributes are separated
 * by whitespace or {@code /}, with double-quoted, single-quoted or unquoted values. A tag that is never closed runs to
 * the end of the value, because the page that reflects it supplies a {@code >} soon after.
 *
 * <p>Linear: scanning resumes after each tag, never inside it, and the numbers of tags and attributes are bounded.
 */
public final class HtmlTokenizer {

    /** Tags read per value; payloads need a handful, a value with more is markup the bound protects us from. */
    public static final int MAX_TAGS = 256;
    /** Attributes read per tag. */
    public static final int MAX_ATTRIBUTES = 64;
    /** Raw text kept of a style or script element's content. */
    static final int MAX_CONTENT = 4096;

    private HtmlTokenizer() {
    }

    /** The tags of {@code value} read as element content. */
    public static List<HtmlTag> tags(String value) {
        List<HtmlTag> tags = new ArrayList<>();
        int n = value.length();
        int i = value.indexOf('<');
        while (i >= 0 && i < n && tags.size() < MAX_TAGS) {
            int next = i + 1;
            boolean end = next < n && value.charAt(next) == '/';
            // "<?import ...>", "<?xml:namespace ...>": processing instructions old IE acted on
            boolean instruction = next < n && value.charAt(next) == '?';
            int nameStart = end || instruction ? next + 1 : next;
            if (nameStart < n && Character.isLetter(value.charAt(nameStart))) {
                int nameEnd = nameStart;
                while (nameEnd < n && !isSpace(value.charAt(nameEnd)) && value.charAt(nameEnd) != '/'
                        && value.charAt(nameEnd) != '>') {
                    nameEnd++;
                }
                String name = value.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
                List<HtmlAttribute> attributes = new ArrayList<>();
                int stop = attributes(value, nameEnd, attributes);
                String content = "";
                next = Math.max(stop, i + 1);
                if (!end && (name.equals("style") || name.equals("script"))) {
                    // raw text: a browser reads no tags until the matching end tag, and neither do we
                    int close = indexOfIgnoreCase(value, "</" + name, stop);
                    int contentEnd = close < 0 ? n : close;
                    content = value.substring(stop, Math.min(contentEnd, stop + MAX_CONTENT));
                    next = Math.max(next, contentEnd);
                }
                tags.add(new HtmlTag(name, end, List.copyOf(attributes), i, stop, content));
            }
            i = value.indexOf('<', next);
        }
        return tags;
    }

    /**
     * Reads attributes from {@code from} to the tag's {@code >} (or the end) into {@code out}; returns the offset
     * after the {@code >}. Used for tags and for a value that lands inside a tag after breaking out of an attribute.
     */
    public static int attributes(String value, int from, List<HtmlAttribute> out) {
        int n = value.length();
        int i = from;
        while (i < n) {
            char c = value.charAt(i);
            if (c == '>') {
                return i + 1;
            }
            if (isSpace(c) || c == '/') {
                i++;
                continue;
            }
            int nameStart = i;
            // the first character of a name may be anything but a separator, even '=' or a quote
            i++;
            while (i < n && !isSpace(value.charAt(i)) && value.charAt(i) != '/' && value.charAt(i) != '>'
                    && value.charAt(i) != '=') {
                i++;
            }
            String name = value.substring(nameStart, i).toLowerCase(Locale.ROOT);
            int j = i;
            while (j < n && isSpace(value.charAt(j))) {
                j++;
            }
            String attributeValue = "";
            if (j < n && value.charAt(j) == '=') {
                j++;
                while (j < n && isSpace(value.charAt(j))) {
                    j++;
                }
                if (j < n && (value.charAt(j) == '"' || value.charAt(j) == '\'' || value.charAt(j) == '`')) {
                    char quote = value.charAt(j);
                    int close = value.indexOf(quote, j + 1);
                    int valueEnd = close < 0 ? n : close;
                    attributeValue = value.substring(j + 1, valueEnd);
                    i = close < 0 ? n : close + 1;
                } else {
                    int valueStart = j;
                    while (j < n && !isSpace(value.charAt(j)) && value.charAt(j) != '>') {
                        j++;
                    }
                    attributeValue = value.substring(valueStart, j);
                    i = j;
                }
            }
            if (out.size() < MAX_ATTRIBUTES) {
                out.add(new HtmlAttribute(name, attributeValue));
            }
        }
        return n;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    static int indexOfIgnoreCase(String value, String needle, int from) {
        int max = value.length() - needle.length();
        for (int i = Math.max(0, from); i <= max; i++) {
            if (value.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
