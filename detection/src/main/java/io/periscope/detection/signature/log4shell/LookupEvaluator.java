package io.periscope.detection.signature.log4shell;

import java.util.Locale;

/**
 * Evaluates Log4j 2 lookups ({@code ${prefix:name}}) in a value the way a vulnerable Log4j would, far enough to see
 * the JNDI lookup an obfuscated payload builds: nested lookups are resolved innermost first, {@code ${lower:J}} and
 * {@code ${upper:j}} change case, a default ({@code ${env:NOPE:-j}}, {@code ${::-j}}) stands for an unresolved
 * lookup, {@code ${date:'j'}} yields its quoted text. Every other lookup resolves to nothing (its real value is the
 * server's, unknown here).
 *
 * <p>Recursive descent over the value: every character is read once per nesting level, and nesting deeper than
 * {@link #MAX_DEPTH} is read as text, so the work is linear in the value's length.
 */
final class LookupEvaluator {
    /** Log4j itself stops at a small depth; payloads in the wild nest three or four levels. */
    static final int MAX_DEPTH = 24;

    /** The first JNDI lookup found: its resolved address ({@code ldap://host/a}), and whether building it took tricks. */
    record Jndi(String address, boolean obfuscated) {
    }

    private final String value;
    private Jndi found;
    private boolean nested;

    private LookupEvaluator(String value) {
        this.value = value;
    }

    /** The first JNDI lookup {@code value} would make when logged by Log4j 2, or null. */
    static Jndi firstJndi(String value) {
        if (value.indexOf("${") < 0) {
            return null;
        }
        LookupEvaluator e = new LookupEvaluator(value);
        int i = 0;
        while (i < value.length() && e.found == null) {
            int open = value.indexOf("${", i);
            if (open < 0) {
                break;
            }
            i = e.lookup(open + 2, 1, new StringBuilder());
        }
        return e.found;
    }

    /**
     * Reads the lookup whose body starts at {@code from}, appends what it resolves to to {@code out}, and returns the
     * index after its closing brace (the value's length when it is not closed: a cut payload is still judged).
     */
    private int lookup(int from, int depth, StringBuilder out) {
        StringBuilder body = new StringBuilder();
        int i = from;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '$' && i + 1 < value.length() && value.charAt(i + 1) == '{' && depth < MAX_DEPTH) {
                nested = true;
                i = lookup(i + 2, depth + 1, body);
                if (found != null) {
                    return value.length();
                }
            } else if (c == '}') {
                i++;
                out.append(resolve(body.toString()));
                return i;
            } else {
                body.append(c);
                i++;
            }
        }
        out.append(resolve(body.toString()));
        return i;
    }

    /**
     * What one lookup body resolves to, as Log4j's {@code StrSubstitutor} and {@code Interpolator} do it: a default
     * ({@code :-}) is split off first; the rest is {@code prefix:key} with a case-insensitive prefix; a lookup that
     * yields nothing here (environment, system properties, unknown prefixes) leaves its default, or nothing.
     */
    private String resolve(String body) {
        int dflt = body.indexOf(":-");
        String variable = dflt >= 0 ? body.substring(0, dflt) : body;
        String fallback = dflt >= 0 ? body.substring(dflt + 2) : "";
        int colon = variable.indexOf(':');
        String prefix = colon < 0 ? "" : variable.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String key = colon < 0 ? variable : variable.substring(colon + 1);
        if (prefix.equals("jndi") && found == null) {
            found = new Jndi(dflt >= 0 ? key + ":-" + fallback : key, nested || !variable.startsWith("jndi:"));
            return "";
        }
        String value = switch (prefix) {
            case "lower" -> key.toLowerCase(Locale.ROOT);
            case "upper" -> key.toUpperCase(Locale.ROOT);
            case "date" -> key.replace("'", "");
            default -> null;
        };
        return value != null ? value : fallback;
    }
}
