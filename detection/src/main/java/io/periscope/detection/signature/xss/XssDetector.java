package io.periscope.detection.signature.xss;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * XSS by lexical analysis, in each context a value may be reflected into:
 * <ol>
 *   <li>element content: the value's tags, judged by {@link TagRules};</li>
 *   <li>inside a quoted attribute value: what follows a quote the value closes is read as further attributes
 *       ({@code " onmouseover="alert(1)}); inside an unquoted one, the value itself is;</li>
 *   <li>a URL attribute: the whole value is a script URL ({@code javascript:alert(1)});</li>
 *   <li>JavaScript: {@link ScriptContextRules}.</li>
 * </ol>
 */
public final class XssDetector implements ValueDetector {

    /** Quotes of a value tried as the end of an attribute; payloads break out at their first. */
    private static final int MAX_BREAKOUT_QUOTES = 4;

    static final double TAG = 0.9;
    static final double BREAKOUT = 0.85;
    static final double SCRIPT = 0.8;

    @Override
    public AttackClass attackClass() {
        return AttackClass.XSS;
    }

    /**
     * What each context needs: a tag {@code <}, an attribute {@code =}, a script URL its colon, script code one of
     * {@code ( ` = { + . [} ({@link ScriptContextRules}); a non-ASCII character may be US-ASCII markup ({@code ¼}).
     */
    private static final CharMask TRIGGERS = CharMask.of("<=:(`{+.[");

    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.nonAscii() || scan.any(TRIGGERS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Match> match = judge(value);
        if (match.isEmpty() && value.indexOf('\u00BC') >= 0) {
            // "¼script¾": a page served as US-ASCII to old IE dropped the high bit, so ¼ was '<' and ¾ was '>'
            match = judge(highBitStripped(value)).map(m -> new Match(AttackClass.XSS, m.confidence(),
                    "xss.us-ascii-markup", value));
        }
        return match;
    }

    private static String highBitStripped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c >= 0xA0 && c <= 0xFF ? (char) (c & 0x7F) : c);
        }
        return out.toString();
    }

    private Optional<Match> judge(String value) {
        if (value.indexOf('<') >= 0) {
            for (HtmlTag tag : HtmlTokenizer.tags(value)) {
                String rule = TagRules.judge(tag);
                if (rule != null) {
                    return Optional.of(new Match(AttackClass.XSS, TAG, rule, value.substring(tag.start())));
                }
            }
        }
        if (value.indexOf('=') >= 0) {
            Optional<Match> breakout = attributeBreakout(value);
            if (breakout.isPresent()) {
                return breakout;
            }
        }
        // the URL context; a leading quote is what the value's reflection may drop
        String url = value.startsWith("\"") || value.startsWith("'") ? value.substring(1) : value;
        String scheme = ScriptUrls.scheme(url);
        if (scheme != null && !scheme.startsWith("javascript:") || scheme != null && looksLikeScriptUrlBody(url)) {
            return Optional.of(new Match(AttackClass.XSS, BREAKOUT, "xss.script-url", value));
        }
        String rule = ScriptContextRules.judge(value);
        if (rule != null) {
            return Optional.of(new Match(AttackClass.XSS, SCRIPT, rule, value));
        }
        return Optional.empty();
    }

    private static Optional<Match> attributeBreakout(String value) {
        int quotes = 0;
        int n = value.length();
        for (int i = 0; i < n && quotes < MAX_BREAKOUT_QUOTES; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                quotes++;
                List<HtmlAttribute> attributes = new ArrayList<>();
                HtmlTokenizer.attributes(value, i + 1, attributes);
                String rule = TagRules.judgeAttributes(attributes, false);
                if (rule != null) {
                    return Optional.of(new Match(AttackClass.XSS, BREAKOUT, "xss.attribute-breakout",
                            value.substring(i)));
                }
            }
        }
        if (quotes == 0) {
            // an unquoted attribute: the value's own whitespace separates the attributes it adds
            List<HtmlAttribute> attributes = new ArrayList<>();
            HtmlTokenizer.attributes(value, 0, attributes);
            if (attributes.size() > 1 && TagRules.judgeAttributes(attributes.subList(1, attributes.size()), false) != null) {
                return Optional.of(new Match(AttackClass.XSS, BREAKOUT, "xss.attribute-breakout", value));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code javascript:} followed by code, not by prose ("javascript: the good parts") nor by the no-op links
     * pages use ({@code javascript:void(0)}).
     */
    private static boolean looksLikeScriptUrlBody(String value) {
        int colon = value.indexOf(':');
        String body = value.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
        if (body.equals("void(0)") || body.equals("void(0);") || body.equals("void 0") || body.equals(";")) {
            return false;
        }
        for (int i = colon + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(' || c == '`' || c == '=' || c == ';' || c == '[' || c == '.') {
                return true;
            }
        }
        return false;
    }
}
