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

    private String resolve(String body) {
        int dflt = body.indexOf(":-");
        int colon = body.indexOf(':');
        String prefix = colon < 0 ? body : body.substring(0, colon);
        String lowerPrefix = prefix.trim().toLowerCase(Locale.ROOT);
        if (lowerPrefix.equals("jndi") && found == null) {
            found = new Jndi(body.substring(colon + 1), nested || !prefix.equals("jndi"));
            return "";
        }
        if (dflt >= 0 && dflt <= colon) {
            // ${::-j}, ${anything:-j}: the lookup resolves to nothing, so the default stands
            return body.substring(dflt + 2);
        }
        String rest = colon < 0 ? "" : body.substring(colon + 1);
        return switch (lowerPrefix) {
            case "lower" -> rest.toLowerCase(Locale.ROOT);
            case "upper" -> rest.toUpperCase(Locale.ROOT);
            case "date" -> rest.replace("'", "");
            default -> {
                int d = rest.indexOf(":-");
                yield d >= 0 ? rest.substring(d + 2) : "";
            }
        };
    }
}
