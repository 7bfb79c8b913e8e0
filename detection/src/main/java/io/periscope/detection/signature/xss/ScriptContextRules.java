package io.periscope.detection.signature.xss;

import java.util.Locale;
import java.util.Set;

/**
 * Judges a value reflected into JavaScript: inside a string literal, a template literal, or bare code. What counts
 * is a call of a script sink or a write to the page's location or cookies that the value places where code runs:
 * after an operator or statement separator that ends the literal ({@code ';alert(1)//}, {@code "-prompt(1)-"},
 * {@code 48e71;alert(1)//}), inside {@code ${...}}, or as the whole value when it is code ({@code alert`1`},
 * {@code [1].find(alert)}). A sink named in prose ("alert(1) meaning") is not preceded by code and passes.
 */
final class ScriptContextRules {

    /** Functions whose call is the point of a script injection (the probes and the eval family). */
    private static final Set<String> SINKS = Set.of("alert", "prompt", "confirm", "eval", "settimeout",
            "setinterval", "execscript", "msgbox", "function", "print", "write", "writeln");
    /**
     * Sinks whose call is an attack even as the whole value ({@code alert(1)}); {@code print("hello")} or
     * {@code write(x)} alone are more likely code people talk about.
     */
    private static final Set<String> BARE_SINKS = Set.of("alert", "prompt", "confirm", "eval", "settimeout",
            "setinterval", "execscript", "msgbox");
    /** Objects whose properties retarget the page or leak its secrets. */
    private static final Set<String> DOM_ROOTS = Set.of("document", "window", "location", "top", "self", "parent",
            "frames", "globalthis", "opener");
    private static final String STRIPPED_TAG = "script";
    /** Occurrences of sink names examined per value; a value that names more is already flagged or is noise. */
    private static final int MAX_CANDIDATES = 64;

    private ScriptContextRules() {
    }

    /** The rule the value triggers in a script context, or null. */
    static String judge(String value) {
        if (!mayHoldCode(value)) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        int n = lower.length();
        // first: inside ${...} the sink would otherwise count as a breakout after '{'
        int template = lower.indexOf("${");
        if (template >= 0) {
            int close = lower.indexOf('}', template);
            String inside = lower.substring(template + 2, close < 0 ? n : close);
            for (String sink : SINKS) {
                if (inside.contains(sink + "(") || inside.contains(sink + "`")) {
                    return "xss.template-literal";
                }
            }
        }
        int candidates = 0;
        int i = 0;
        while (i < n && candidates < MAX_CANDIDATES) {
            char c = lower.charAt(i);
            if (!isIdentStart(c) || (i > 0 && isIdentPart(lower.charAt(i - 1)))) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && isIdentPart(lower.charAt(j))) {
                j++;
            }
            String word = lower.substring(i, j);
            if (SINKS.contains(word)) {
                candidates++;
                String rule = sink(lower, i, j);
                if (rule != null) {
                    return rule;
                }
            } else if (DOM_ROOTS.contains(word)) {
                candidates++;
                String rule = domWrite(lower, i, j);
                if (rule != null) {
                    return rule;
                }
            }
            i = j;
        }
        // "scriptalert(1)/script", "-1scriptdocument.cookie=1": a filter removed the brackets around a script tag
        int stripped = lower.indexOf(STRIPPED_TAG);
        for (int k = 0; stripped >= 0 && k < MAX_CANDIDATES; k++) {
            String rule = strippedTag(lower, stripped + STRIPPED_TAG.length());
            if (rule != null) {
                return rule;
            }
            stripped = lower.indexOf(STRIPPED_TAG, stripped + 1);
        }
        if (lower.contains("+adw-") && lower.contains("+ad4-")) {
            return "xss.utf7-markup";
        }
        return null;
    }

    private static String strippedTag(String lower, int codeStart) {
        int j = codeStart;
        while (j < lower.length() && isIdentPart(lower.charAt(j))) {
            j++;
        }
        String word = lower.substring(codeStart, j);
        if (SINKS.contains(word) && j < lower.length() && lower.charAt(j) == '(') {
            return "xss.stripped-script-tag";
        }
        if (DOM_ROOTS.contains(word) && j < lower.length() && (lower.charAt(j) == '.' || lower.charAt(j) == '[')) {
            return "xss.stripped-script-tag";
        }
        return null;
    }

    /**
     * Every rule below needs one of these characters (a call, a template, an assignment, a property access, UTF-7's
     * {@code +}); most values have none and cost one scan.
     */
    private static boolean mayHoldCode(String value) {
        for (int i = 0; i < value.length(); i++) {
            switch (value.charAt(i)) {
                case '(', '`', '=', '{', '+', '.', '[' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** A sink name at {@code [start, end)}: a call or a reference in code position. */
    private static String sink(String lower, int start, int end) {
        int n = lower.length();
        int after = skipSpace(lower, end);
        char next = after < n ? lower.charAt(after) : '\0';
        int beforeAt = skipSpaceBack(lower, start - 1);
        char before = beforeAt >= 0 ? lower.charAt(beforeAt) : '\0';
        if (next == '(' || next == '`') {
            if (isCodePunctuation(before) || before == '.') {
                return "xss.js-breakout"; // after an operator, or a member call: "parentWindow.alert(1)"
            }
            if (before == '\0' && ((BARE_SINKS.contains(lower.substring(start, end)) && !hasUnquotedSpace(lower))
                    || closesTagAfterCall(lower, after))) {
                return "xss.js-sink-call";
            }
            return null;
        }
        if (next == ')' && before == '(') {
            // "(alert)(1)", "[1].find(alert)", "setTimeout(alert)": the sink passed or called by reference
            int afterClose = skipSpace(lower, after + 1);
            int callee = skipSpaceBack(lower, beforeAt - 1);
            boolean calledAfter = afterClose < lower.length() && lower.charAt(afterClose) == '(';
            boolean argument = callee >= 0 && (isIdentPart(lower.charAt(callee)) || lower.charAt(callee) == ')');
            return calledAfter || (argument && !hasUnquotedSpace(lower)) ? "xss.js-sink-call" : null;
        }
        if (next == '=' && before != '\0' && (after + 1 >= n || lower.charAt(after + 1) != '=')) {
            return null;
        }
        if ((next == ',' || next == ';') && before == '=') {
            return "xss.js-sink-call"; // a=alert,a(1)
        }
        return null;
    }

    /**
     * True if the call whose {@code (} is at {@code open} is followed, up to a {@code >}, only by attributes: the tail
     * of an event handler that closes its tag ({@code alert(1)><input autofocus>}).
     */
    private static boolean closesTagAfterCall(String lower, int open) {
        int close = lower.indexOf(')', open);
        if (close < 0) {
            return false;
        }
        for (int i = close + 1; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '>') {
                return true;
            }
            if (!(Character.isLetterOrDigit(c) || Character.isWhitespace(c) || c == '=' || c == '"' || c == '\''
                    || c == ';' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    /** {@code document.location=}, {@code location.href=}, {@code document.write(} after code punctuation. */
    private static String domWrite(String lower, int start, int end) {
        int beforeAt = skipSpaceBack(lower, start - 1);
        char before = beforeAt >= 0 ? lower.charAt(beforeAt) : '\0';
        // code position: after punctuation, or the whole value is code ("top['al'+'ert'](1)")
        boolean bareCode = before == '\0' && !hasUnquotedSpace(lower);
        if (!bareCode && (!isCodePunctuation(before) || before == '.')) {
            return null;
        }
        int n = lower.length();
        int j = end;
        // the property chain: .name or ["name"]
        while (j < n && (lower.charAt(j) == '.' || lower.charAt(j) == '[')) {
            if (lower.charAt(j) == '.') {
                j++;
                while (j < n && isIdentPart(lower.charAt(j))) {
                    j++;
                }
            } else {
                int close = lower.indexOf(']', j);
                if (close < 0 || close - j > 64) {
                    break;
                }
                j = close + 1;
            }
        }
        if (j == end && !lower.startsWith("location", start)) {
            return null;
        }
        int after = skipSpace(lower, j);
        if (!bareCode && after < n && lower.charAt(after) == '='
                && (after + 1 >= n || lower.charAt(after + 1) != '=')) {
            return "xss.js-dom-write"; // as a whole value, "location=london" is a form field, not code
        }
        if (after < n && lower.charAt(after) == '(' && j > end) {
            return "xss.js-dom-write";
        }
        return null;
    }

    /** Characters after which a JavaScript expression may start: operators, separators, a closed literal. */
    private static boolean isCodePunctuation(char c) {
        return switch (c) {
            case ';', '+', '-', '*', '/', '%', '|', '&', ',', '(', '[', '{', '}', '=', '?', ':', '!', '~', '^', '\'',
                 '"', '`', '>', ')' -> true;
            default -> false;
        };
    }

    private static boolean hasUnquotedSpace(String value) {
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipSpaceBack(String s, int i) {
        while (i >= 0 && Character.isWhitespace(s.charAt(i))) {
            i--;
        }
        return i;
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || c == '$';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }
}
