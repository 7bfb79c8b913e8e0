package io.periscope.detection.signature.xss;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges one tag, or the attributes a value injects into a tag it breaks into. The rules say what makes markup run
 * script or load active content; a tag that does none of these ({@code <b>}, {@code <a href="https://...">}) passes,
 * so formatted text is not an attack.
 */
final class TagRules {

    /** Elements that load or run active content, or retarget the page, whatever their attributes. */
    private static final Set<String> ACTIVE_ELEMENTS = Set.of("script", "iframe", "frame", "frameset", "object",
            "embed", "applet", "meta", "base", "link", "import", "xss", "isindex", "bgsound", "layer", "ilayer",
            "xml", "portal", "handler");

    private TagRules() {
    }

    /** The rule a tag triggers, or null. */
    static String judge(HtmlTag tag) {
        if (tag.name().equals("script")) {
            return "xss.script-tag";
        }
        if (tag.end()) {
            return null;
        }
        String attributeRule = judgeAttributes(tag.attributes(), true);
        if (attributeRule != null) {
            return attributeRule;
        }
        if (tag.name().equals("style") && dangerousCss(tag.content())) {
            return "xss.css-expression";
        }
        if (ACTIVE_ELEMENTS.contains(tag.name())) {
            return "xss.active-element";
        }
        return null;
    }

    /**
     * The rule a set of attributes triggers, or null. {@code inTag}: they belong to a tag the value itself opened;
     * otherwise they are what a value injects after breaking out of an attribute, where an event handler must also
     * look like code (prose has {@code online=yes}).
     */
    static String judgeAttributes(List<HtmlAttribute> attributes, boolean inTag) {
        for (HtmlAttribute a : attributes) {
            String local = localName(a.name());
            if (isEventHandler(local) && !a.value().isBlank() && (inTag || looksLikeCode(a.value()))) {
                return "xss.event-handler";
            }
            if (ScriptUrls.scheme(a.value()) != null) {
                return "xss.script-url";
            }
            if (local.equals("style") && dangerousCss(a.value())) {
                return "xss.css-expression";
            }
            if (a.value().contains("&{")) {
                return "xss.js-entity";
            }
            if (inTag && local.equals("srcdoc") && a.value().indexOf('<') >= 0) {
                return "xss.srcdoc";
            }
        }
        return null;
    }

    /** {@code on} followed by letters only: every DOM event handler attribute, known today or not. */
    static boolean isEventHandler(String name) {
        if (name.length() < 5 || !name.startsWith("on")) {
            return false;
        }
        for (int i = 2; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeCode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(' || c == '`' || c == '=' || c == '[' || c == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * CSS that runs script: IE {@code expression()}, {@code behavior}, {@code -moz-binding}, a script URL or an
     * import. Comments and backslash escapes are removed and full-width letters folded first, as the CSS parser does.
     */
    static boolean dangerousCss(String css) {
        if (css.isEmpty()) {
            return false;
        }
        String folded = Normalizer.normalize(css, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder plain = new StringBuilder(folded.length());
        int n = folded.length();
        for (int i = 0; i < n; i++) {
            char c = folded.charAt(i);
            if (c == '/' && i + 1 < n && folded.charAt(i + 1) == '*') {
                int close = folded.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 1;
            } else if (c == '\\') {
                // a CSS escape: "\28" is "(", "\e" is "e"; skip the backslash and decode hex escapes
                int j = i + 1;
                int cp = 0;
                while (j < n && j < i + 7 && Character.digit(folded.charAt(j), 16) >= 0) {
                    cp = cp * 16 + Character.digit(folded.charAt(j), 16);
                    j++;
                }
                if (j > i + 1 && cp > 0 && cp <= Character.MAX_CODE_POINT) {
                    plain.appendCodePoint(cp);
                    i = j - 1;
                }
            } else if (!Character.isWhitespace(c)) {
                plain.append(c);
            }
        }
        String s = plain.toString();
        return s.contains("expression(") || s.contains("javascript:") || s.contains("vbscript:")
                || s.contains("behavior:") || s.contains("-moz-binding") || s.contains("@import");
    }

    private static String localName(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
