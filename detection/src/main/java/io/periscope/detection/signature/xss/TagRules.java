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
            "xml", "portal", "handler", "xml:namespace");
    /**
     * End tags that close a raw-text or document context a value is reflected in ({@code </textarea><script>});
     * nothing benign in a parameter closes these.
     */
    private static final Set<String> CONTEXT_ENDS = Set.of("title", "textarea", "style", "noscript", "xmp",
            "iframe", "noembed", "noframes", "template", "body", "html", "head", "plaintext", "option", "select");

    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data",
            "background", "poster", "codebase", "dynsrc", "lowsrc");
    /** Digits of a host written as one decimal number ({@code http://1113982867/}); a dotted IP has dots. */
    private static final int MIN_NUMERIC_HOST = 8;

    private TagRules() {
    }

    /** The rule a tag triggers, or null. */
    static String judge(HtmlTag tag) {
        if (tag.name().equals("script")) {
            return "xss.script-tag";
        }
        if (tag.end()) {
            return CONTEXT_ENDS.contains(tag.name()) ? "xss.context-escape" : null;
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
            if (inTag && containsIgnoreCase(a.value(), "document.cookie")) {
                return "xss.cookie-access"; // markup that reads the cookie is sending it somewhere
            }
            if (a.value().contains("&{")) {
                return "xss.js-entity";
            }
            if (inTag && local.equals("srcdoc") && a.value().indexOf('<') >= 0) {
                return "xss.srcdoc";
            }
            if (inTag && (local.equals("dataformatas") || local.equals("datasrc"))) {
                return "xss.data-binding"; // IE data binding renders the bound data as HTML
            }
            if (inTag && URL_ATTRIBUTES.contains(local) && hasNumericHost(a.value())) {
                return "xss.obfuscated-url";
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
                || s.contains("behavior:") || s.contains("behaviour:") || s.contains("binding:")
                || s.contains("@import");
    }

    /** A URL whose host is one decimal or hex number: an IP address hidden from a reader and a filter. */
    static boolean hasNumericHost(String url) {
        int slashes = url.indexOf("//");
        if (slashes < 0) {
            return false;
        }
        int i = slashes + 2;
        int n = url.length();
        int start = i;
        boolean hex = i + 1 < n && url.charAt(i) == '0' && (url.charAt(i + 1) == 'x' || url.charAt(i + 1) == 'X');
        if (hex) {
            i += 2;
        }
        while (i < n && (hex ? Character.digit(url.charAt(i), 16) >= 0 : Character.isDigit(url.charAt(i)))) {
            i++;
        }
        boolean ended = i == n || url.charAt(i) == '/' || url.charAt(i) == ':' || url.charAt(i) == '?';
        return ended && (hex ? i > start + 2 : i - start >= MIN_NUMERIC_HOST);
    }

    private static boolean containsIgnoreCase(String value, String needle) {
        return HtmlTokenizer.indexOfIgnoreCase(value, needle, 0) >= 0;
    }

    private static String localName(String name) {
        int colon = name.lastIndexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
