package io.periscope.detection.signature.xss;

import java.util.List;

/**
 * One start or end tag found in a value.
 *
 * @param name       lower-cased element name
 * @param end        true for {@code </name>}
 * @param attributes in order, at most {@link HtmlTokenizer#MAX_ATTRIBUTES}
 * @param start      offset of the {@code <} (or of the first attribute when read from inside a tag)
 * @param stop       offset after the {@code >}, or the value's length if the tag is not closed (the page closes it)
 * @param content    for {@code <style>} and {@code <script>}: the raw text up to the matching end tag or the value's end
 */
public record HtmlTag(String name, boolean end, List<HtmlAttribute> attributes, int start, int stop, String content) {

    public HtmlAttribute attribute(String attributeName) {
        for (HtmlAttribute a : attributes) {
            if (a.name().equals(attributeName)) {
                return a;
            }
        }
        return null;
    }
}
