package io.periscope.detection.signature.xxe;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Locale;
import java.util.Optional;

/**
 * XML external entities: a document type declaration that defines an external entity ({@code <!ENTITY x SYSTEM
 * "file:///etc/passwd">}), a parameter entity ({@code <!ENTITY % x ...>}, the out-of-band variant), an external DTD
 * ({@code <!DOCTYPE x SYSTEM "http://...">}), many nested internal entities (billion laughs), or an XInclude.
 *
 * <p>Reads the declarations with a small tokenizer (keyword, optional {@code %}, name, then {@code SYSTEM} or
 * {@code PUBLIC}); no XML parser runs on attacker input. Ordinary XML bodies carry no DOCTYPE at all, so any of these
 * in a request is a strong signal.
 */
public final class XxeDetector implements ValueDetector {
    /** Internal entities a document needs before it looks like an expansion bomb rather than a convenience. */
    private static final int EXPANSION_ENTITIES = 3;
    /** Declarations read per value: a bomb needs ten; more only costs time. */
    private static final int MAX_DECLARATIONS = 64;

    @Override
    public AttackClass attackClass() {
        return AttackClass.XXE;
    }

    /** Declarations open with {@code <!}; an XInclude names its namespace URL (a colon). */
    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.has('<') || scan.has(':');
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        int bang = value.indexOf("<!");
        if (bang < 0) {
            return value.contains("http://www.w3.org/2001/XInclude")
                    ? Optional.of(new Match(AttackClass.XXE, 0.8, "xxe.xinclude",
                    Evidence.around(value, value.indexOf("http://www.w3.org/2001/XInclude"))))
                    : Optional.empty();
        }
        String lower = value.toLowerCase(Locale.ROOT);
        int internal = 0;
        int firstEntity = -1;
        int declarations = 0;
        for (int i = lower.indexOf("<!", bang); i >= 0 && declarations < MAX_DECLARATIONS; i = lower.indexOf("<!", i + 2)) {
            declarations++;
            if (lower.startsWith("<!entity", i)) {
                if (firstEntity < 0) {
                    firstEntity = i;
                }
                int p = skipBlanks(lower, i + 8);
                boolean parameter = p < lower.length() && lower.charAt(p) == '%';
                if (parameter) {
                    return Optional.of(new Match(AttackClass.XXE, 0.95, "xxe.parameter-entity", Evidence.around(value, i)));
                }
                p = skipBlanks(lower, skipName(lower, p));
                if (lower.startsWith("system", p) || lower.startsWith("public", p)) {
                    return Optional.of(new Match(AttackClass.XXE, 0.95, "xxe.external-entity", Evidence.around(value, i)));
                }
                internal++;
            } else if (lower.startsWith("<!doctype", i)) {
                int p = skipBlanks(lower, skipName(lower, skipBlanks(lower, i + 9)));
                boolean w3c = lower.startsWith("public", p) && lower.startsWith("\"-//w3c//", skipBlanks(lower, p + 6));
                if ((lower.startsWith("system", p) || lower.startsWith("public", p)) && !w3c) {
                    // an XHTML or SVG document names the W3C's own DTD; a parser that fetches it learns nothing
                    return Optional.of(new Match(AttackClass.XXE, 0.8, "xxe.external-dtd", Evidence.around(value, i)));
                }
            }
        }
        if (internal >= EXPANSION_ENTITIES) {
            return Optional.of(new Match(AttackClass.XXE, 0.75, "xxe.entity-expansion", Evidence.around(value, firstEntity)));
        }
        if (lower.contains("http://www.w3.org/2001/xinclude")) {
            return Optional.of(new Match(AttackClass.XXE, 0.8, "xxe.xinclude",
                    Evidence.around(value, lower.indexOf("http://www.w3.org/2001/xinclude"))));
        }
        return Optional.empty();
    }

    private static int skipBlanks(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipName(String s, int from) {
        int i = from;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>' && s.charAt(i) != '[') {
            i++;
        }
        return i;
    }
}
