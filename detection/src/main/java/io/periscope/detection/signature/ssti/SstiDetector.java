package io.periscope.detection.signature.ssti;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Server-side template injection: a template expression in a value, recognised by its delimiters (Jinja/Twig
 * {@code {{ }}} and {@code {% %}}, Freemarker/Spring EL {@code ${ }}, Thymeleaf {@code #{ }} and {@code *{ }}, ERB/JSP
 * {@code <%= %>}, FreeMarker directives {@code <#assign ...>}) and by what it holds: the arithmetic probe every scanner sends ({@code {{7*7}}}, {@code ${7*'7'}}),
 * the template's context objects ({@code {{config}}}, {@code {{self}}}), or the object-graph walk to code execution
 * ({@code __class__.__mro__}, {@code T(java.lang.Runtime)}, {@code freemarker.template.utility.Execute}).
 *
 * <p>Delimiters alone do not count: Mustache-style {@code {{name}}} and JavaScript {@code ${x}} are ordinary in
 * documents. Each expression is read up to {@link #MAX_EXPRESSION} characters, so the scan is linear.
 */
public final class SstiDetector implements ValueDetector {
    /** Longest template expression read; probes and gadget chains are far shorter. */
    private static final int MAX_EXPRESSION = 512;
    /** Opening delimiters tried per value: bounds the work on a value of nothing but braces to 256 × 512 steps. */
    private static final int MAX_EXPRESSIONS = 256;

    private record Delimiter(String open, String close) {
    }

    private static final List<Delimiter> DELIMITERS = List.of(new Delimiter("{{", "}}"), new Delimiter("{%", "%}"),
            new Delimiter("${", "}"), new Delimiter("#{", "}"), new Delimiter("*{", "}"), new Delimiter("<%", "%>"),
            new Delimiter("@(", ")"), new Delimiter("<#", ">"));

    /** What a template expression reaches for on its way to code execution. */
    private static final KeywordSet GADGETS = new KeywordSet("__class__", "__mro__", "__subclasses__", "__globals__",
            "__builtins__", "__init__", "__import__", "__base__", "getruntime", "java.lang.runtime", "processbuilder",
            "freemarker.template.utility", ".exec(", "popen(", "os.system", "config.items", "self._templatereference",
            "request.application", "t(java.", "new java.", "?new(", "getclass()", "forname(", "_self.env",
            "registerundefinedfiltercallback", "system(", "eval(", "file.read(", "io.popen", "require(",
            "process.mainmodule", "child_process", "constructor.constructor");

    /** Python's object-model attributes: two of them in a row are an object-graph walk whatever delimits it. */
    private static final KeywordSet DUNDERS = new KeywordSet("__class__", "__mro__", "__subclasses__", "__globals__",
            "__builtins__", "__init__", "__import__", "__base__", "__bases__");

    private static final Set<String> CONTEXT_OBJECTS = Set.of("config", "self", "request", "settings", "_self",
            "config.items()", "request.environ", "app.config", "dump(app)", "get_flashed_messages");

    @Override
    public AttackClass attackClass() {
        return AttackClass.SSTI;
    }

    /** Every delimiter holds {@code {}, {@code <} or {@code (}; a gadget chain outside them holds dunders ({@code _}). */
    private static final CharMask TRIGGERS = CharMask.of("{<(_");

    @Override
    public boolean mayMatch(ValueScan scan) {
        return scan.any(TRIGGERS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        int judged = 0;
        for (int i = 0; i + 1 < value.length() && judged < MAX_EXPRESSIONS; i++) {
            char c = value.charAt(i);
            if (c != '{' && c != '$' && c != '#' && c != '*' && c != '<' && c != '@') {
                // no delimiter starts with anything else
                continue;
            }
            for (Delimiter d : DELIMITERS) {
                if (!value.startsWith(d.open(), i)) {
                    continue;
                }
                int from = i + d.open().length();
                judged++;
                int close = closeWithin(value, d.close(), from);
                if (close < 0) {
                    continue;
                }
                String inner = value.substring(from, close);
                Optional<Match> m = judge(value, i, d, inner);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        List<KeywordSet.Hit> dunders = DUNDERS.all(value, 4);
        if (dunders.size() >= 2) {
            // a gadget chain outside delimiters, for a template that evaluates the whole value
            return Optional.of(new Match(AttackClass.SSTI, 0.8, "ssti.gadget-chain", Evidence.around(value, dunders.get(0).start())));
        }
        return Optional.empty();
    }

    /** The closing delimiter within {@link #MAX_EXPRESSION} characters of {@code from}, or -1: a bounded search. */
    private static int closeWithin(String value, String close, int from) {
        int limit = Math.min(value.length() - close.length(), from + MAX_EXPRESSION);
        for (int i = from; i <= limit; i++) {
            if (value.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Match> judge(String value, int at, Delimiter d, String inner) {
        String expression = inner.trim();
        if (d.open().equals("<%") && expression.startsWith("=")) {
            expression = expression.substring(1).trim();
        } else if (d.open().equals("{{") && expression.startsWith("=")) {
            expression = expression.substring(1).trim();
        }
        if (arithmetic(expression)) {
            return Optional.of(new Match(AttackClass.SSTI, 0.9, "ssti.arithmetic-probe", Evidence.around(value, at)));
        }
        if (GADGETS.containsAny(expression)) {
            return Optional.of(new Match(AttackClass.SSTI, 0.95, "ssti.code-execution", Evidence.around(value, at)));
        }
        if (d.open().equals("{{") && CONTEXT_OBJECTS.contains(expression.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Match(AttackClass.SSTI, 0.8, "ssti.context-object", Evidence.around(value, at)));
        }
        if (d.open().equals("<%") && !expression.isEmpty() && inner.startsWith("=")) {
            return Optional.of(new Match(AttackClass.SSTI, 0.7, "ssti.erb-expression", Evidence.around(value, at)));
        }
        return Optional.empty();
    }

    /**
     * {@code 7*7}, {@code 7 * '7'}, {@code 1337+1}: two numbers (a string-quoted one too, Jinja repeats strings) and an
     * operator between, nothing else: the scanners' probe, whose result in the response proves evaluation.
     */
    static boolean arithmetic(String e) {
        int i = number(e, 0);
        if (i <= 0) {
            return false;
        }
        i = blanks(e, i);
        if (i >= e.length() || "*+-/%".indexOf(e.charAt(i)) < 0) {
            return false;
        }
        i = blanks(e, i + 1);
        int j = number(e, i);
        return j > i && blanks(e, j) == e.length();
    }

    private static int number(String e, int from) {
        int i = from;
        boolean quoted = i < e.length() && (e.charAt(i) == '\'' || e.charAt(i) == '"');
        if (quoted) {
            i++;
        }
        int digits = i;
        while (i < e.length() && Character.isDigit(e.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return -1;
        }
        if (quoted) {
            if (i >= e.length() || e.charAt(i) != e.charAt(from)) {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static int blanks(String e, int from) {
        int i = from;
        while (i < e.length() && e.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
