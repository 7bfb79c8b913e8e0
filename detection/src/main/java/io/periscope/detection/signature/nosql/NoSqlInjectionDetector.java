package io.periscope.detection.signature.nosql;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * NoSQL operator injection: a MongoDB-style query operator where the application expects a plain value. It arrives
 * as a JSON key ({@code {"password": {"$ne": null}}}), as a bracketed query or form name that PHP, Express's
 * {@code qs} and Rails turn into an object ({@code password[$ne]=x}), or spelled out inside a string value that is
 * later parsed or concatenated ({@code {"$gt": ""}}, {@code ', $where: '1 == 1'}). Server-side JavaScript
 * ({@code $where}, {@code $function}, {@code $accumulator}) is judged the most dangerous.
 *
 * <p>An operator counts only where syntax makes it a key: at the start of a JSON key, inside {@code [ ]} of a name,
 * or followed by {@code :}, {@code ]} or a quote, so a price ("$in cash") is not one.
 */
public final class NoSqlInjectionDetector implements ValueDetector {

    /**
     * Query operators that change what a filter matches. Left out on purpose: {@code $type}, {@code $text},
     * {@code $comment} and the like, which JSON APIs use as ordinary keys (Json.NET's {@code $type}).
     */
    private static final Set<String> OPERATORS = Set.of("ne", "eq", "gt", "gte", "lt", "lte", "in", "nin", "regex",
            "where", "exists", "expr", "or", "and", "not", "nor", "elemmatch", "function", "accumulator", "jsonschema");
    /**
     * Comparisons that APIs with MongoDB-style filters accept by design ({@code {"price": {"$lt": 100}}}): inside a
     * string they count only against an empty operand ({@code {"$gt": ""}}, the classic authentication bypass), and
     * as a key or bracketed name with less confidence.
     */
    private static final Set<String> COMPARISONS = Set.of("eq", "gt", "gte", "lt", "lte", "in");
    /** Operators that run JavaScript on the database server. */
    private static final Set<String> CODE = Set.of("where", "function", "accumulator");
    /** Server-side JavaScript a {@code $where} payload carries, in a value with a quote that breaks out of a string. */
    private static final KeywordSet JS_BREAKOUT = new KeywordSet("';return true", "'; return true", "\";return true",
            "\"; return true", "' || '1'=='1", "\" || \"1\"==\"1", "';sleep(", "'; sleep(", "this.password.match(",
            "db.getcollection(", "db.injection.insert(", "';while(true)", "'||'a'=='a", "' && this.", ";return true",
            ";return(true)", "; return(true)", ";return 'a'=='a'", "|| 1==1", "||1==1", "new date();do{");

    @Override
    public AttackClass attackClass() {
        return AttackClass.NOSQL_INJECTION;
    }

    /** Operators start with {@code $}; every JavaScript break-out holds a quote, {@code ;}, {@code |} or a call. */
    private static final CharMask TRIGGERS = CharMask.of("$'\";|(");

    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.any(TRIGGERS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (location.kind() == LocationKind.JSON_KEY) {
            String op = operator(value, 0);
            if (op != null && op.length() + 1 == value.length()) {
                return Optional.of(match(op, COMPARISONS.contains(op) ? 0.6 : 0.9, value, 0));
            }
            return Optional.empty();
        }
        int n = value.length();
        for (int i = 0; i < n; i++) {
            if (value.charAt(i) != '$') {
                continue;
            }
            String op = operator(value, i);
            if (op == null) {
                continue;
            }
            int after = i + 1 + op.length();
            char before = i == 0 ? ' ' : value.charAt(i - 1);
            char next = after < n ? value.charAt(after) : ' ';
            boolean bracketed = before == '[' && next == ']';
            boolean keyed = next == ':' || (next == '"' || next == '\'') && colonFollows(value, after + 1)
                    || next == ' ' && colonFollows(value, after);
            boolean opened = before == '{' || before == '"' || before == '\'' || before == ',' || before == ' '
                    || before == '[' || i == 0;
            boolean comparison = COMPARISONS.contains(op);
            if (bracketed) {
                return Optional.of(match(op, comparison ? 0.6 : 0.9, value, i));
            }
            if (keyed && opened && (!comparison || emptyOperand(value, after))) {
                return Optional.of(match(op, 0.85, value, i));
            }
        }
        KeywordSet.Hit js = JS_BREAKOUT.first(value);
        if (js != null) {
            return Optional.of(new Match(AttackClass.NOSQL_INJECTION, 0.75, "nosql.js-injection", Evidence.around(value, js.start())));
        }
        return Optional.empty();
    }

    /** The operator name (lower-case, without {@code $}) at {@code dollar}, or null. */
    private static String operator(String value, int dollar) {
        if (dollar >= value.length() || value.charAt(dollar) != '$') {
            return null;
        }
        int end = dollar + 1;
        while (end < value.length() && end - dollar <= 12 && Character.isLetter(value.charAt(end))) {
            end++;
        }
        String name = value.substring(dollar + 1, end).toLowerCase(Locale.ROOT);
        return OPERATORS.contains(name) ? name : null;
    }

    /** After {@code $gt} and its colon: {@code ""}, {@code ''}, {@code null}, {@code undefined}: matches everything. */
    private static boolean emptyOperand(String value, int from) {
        int colon = value.indexOf(':', from);
        if (colon < 0 || colon - from > 3) {
            return false;
        }
        int i = colon + 1;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        return value.startsWith("\"\"", i) || value.startsWith("''", i) || value.startsWith("null", i)
                || value.startsWith("undefined", i);
    }

    private static boolean colonFollows(String value, int from) {
        int i = from;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        return i < value.length() && value.charAt(i) == ':';
    }

    private static Match match(String op, double confidence, String value, int at) {
        boolean code = CODE.contains(op);
        return new Match(AttackClass.NOSQL_INJECTION, code ? Math.max(confidence, 0.95) : confidence,
                code ? "nosql.server-side-js" : "nosql.operator", Evidence.around(value, at));
    }
}
