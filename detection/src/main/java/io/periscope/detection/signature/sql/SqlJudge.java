package io.periscope.detection.signature.sql;


import static io.periscope.detection.signature.sql.SqlTokenType.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the tokens of a value lexed in one {@link InjectionContext}.
 *
 * <p>Two questions. First, how far is the token sequence plausible SQL? A small expression grammar (operand,
 * operator, call, parentheses, clause keywords) walks the tokens and stops at the first token that cannot follow its
 * predecessor: a word after a string ({@code O'Brien}), a number after a word, two operators in a row, a character
 * SQL has no use for. Second, what does the plausible part do? <em>Strong</em> features are things no input needs
 * (UNION SELECT, a stacked statement, a delay or error-extraction call, a catalogue read, a subquery after a breakout)
 * and count wherever the walk reaches them. <em>Weak</em> features are what the value does right after it breaks out
 * of its literal or number (a boolean condition, a comparison, a truncating comment, ORDER BY n) and count only if
 * the whole value stays plausible to its end, because prose has these words too.
 */
final class SqlJudge {

    /** How far past a {@code SELECT} the judge looks for its {@code FROM}; select lists of payloads are short. */
    private static final int SELECT_LOOKAHEAD = 12;

    /** Clause keywords that continue a query, so a bare value starting with one breaks out at its first token. */
    private static final Set<String> CONTINUATIONS = Set.of("order", "group", "having",
            "where", "as", "limit", "union", "procedure", "into");

    static final double STRONG = 0.9;
    static final double WEAK = 0.75;

    /** What the judge found: the rule, its confidence and the offset in the value where the evidence starts. */
    record Verdict(String rule, double confidence, int evidenceFrom) {
    }

    private enum State {
        /** Start of a statement: anything that may open one, or what may follow the end of an enclosing one. */
        START,
        /** After an operator, a keyword, {@code (} or {@code ,}: an operand must come. */
        OPERAND,
        /** After an operand or {@code )}: an operator, a clause keyword, {@code )}, {@code ,} or {@code ;}. */
        OPERATOR,
        /** After a function name: its {@code (} must come. */
        CALL
    }

    private SqlJudge() {
    }

    static Optional<Verdict> judge(List<SqlToken> tokens, InjectionContext context, boolean cut) {
        int size = tokens.size();
        if (size == 0) {
            return Optional.empty();
        }
        if (context.quoted() && !tokens.get(0).closed()) {
            return Optional.empty(); // the value never leaves its literal
        }
        int breakout = breakout(tokens, context);
        State state = context.quoted() ? State.OPERATOR : State.START;
        Findings strong = new Findings();
        String conditional = null;
        // delay/extraction calls are confirmed when their closing parenthesis is reached validly
        int depth = 0;
        int pendingDepth = -1;
        String pendingRule = null;
        int pendingAt = -1;
        int valid = context.quoted() ? 1 : 0;
        int wordRun = 0;
        for (int i = valid; i < size; i++) {
            SqlToken t = tokens.get(i);
            SqlToken prev = i > 0 ? tokens.get(i - 1) : null;
            SqlToken next = i + 1 < size ? tokens.get(i + 1) : null;
            wordRun = t.type() == WORD ? wordRun + 1 : 0;
            // one alias after a name ("from users u") is SQL; a run of three words is prose
            State after = wordRun > 2 ? null : step(state, t, prev, next, i == size - 1, context);
            if (after == null) {
                break;
            }
            valid = i + 1;
            switch (t.type()) {
                case LPAREN -> {
                    depth++;
                    if (startsRealSelect(tokens, i + 1)) {
                        strong.add("sqli.subquery", i);
                    }
                }
                case RPAREN -> {
                    // a parenthesis that closes one of the query's own (a breakout) does not go below zero
                    depth = Math.max(0, depth - 1);
                    if (pendingRule != null && depth == pendingDepth) {
                        strong.add(pendingRule, pendingAt);
                        pendingRule = null;
                    }
                }
                case FUNCTION -> {
                    String rule = SqlVocabulary.DELAY_FUNCTIONS.contains(t.text()) ? "sqli.time-delay"
                            : SqlVocabulary.EXTRACTION_FUNCTIONS.contains(t.text()) ? "sqli.error-extraction" : null;
                    if (rule != null && pendingRule == null && callsWithRealArgument(tokens, i)
                            && !(t.text().equals("exp") && breakout < 0)) {
                        pendingRule = rule;
                        pendingDepth = depth;
                        pendingAt = i;
                    }
                }
                case KEYWORD -> {
                    String rule = keywordFeature(tokens, i);
                    if (rule != null && rule.equals("sqli.command-exec")) {
                        strong.addConfirmed(rule, i); // "exec xp_cmdshell" names itself
                    } else if (rule != null) {
                        strong.add(rule, i);
                    }
                }
                case SEMICOLON -> {
                    if (next != null && startsRealStatement(tokens, i + 1)) {
                        // the two-word signature ("drop table", "create or") is confirmation enough
                        strong.addConfirmed("sqli.stacked-query", i);
                    }
                }
                case WORD -> {
                    if (isCatalogue(t.text()) && (breakout >= 0 || (prev != null && prev.isKeyword("from")))) {
                        strong.add("sqli.catalogue-read", i);
                    }
                }
                case COMPARE -> {
                    if (depth > 0 && conditional == null && isLiteral(prev) && isLiteral(next)) {
                        conditional = "sqli.conditional-expression";
                    }
                }
                default -> {
                }
            }
            state = after;
        }
        boolean clean = !cut && valid == size && endsWell(state, tokens.get(size - 1));
        if (pendingRule != null && clean) {
            strong.add(pendingRule, pendingAt);
        }
        if (context.quoted() && breakout < size && startsRealStatement(tokens, breakout)) {
            // MSSQL runs a second statement without a separator: "x' INSERT INTO ...", "x' EXEC sp_..."
            strong.addConfirmed("sqli.stacked-query", breakout);
        }
        // a strong feature counts if the value stays SQL for a few tokens past it (or to its end)
        strong.retainReachedBy(valid, size);
        String weak = null;
        if (clean) {
            if (breakout >= 0 && breakout < size) {
                weak = weakFeature(tokens, breakout, context);
            }
            if (weak == null && !context.quoted() && startsRealSelect(tokens, 0)) {
                weak = "sqli.select-statement";
            }
            if (weak == null && !context.quoted() && startsRealStatement(tokens, 0) && hasSqlPunctuation(tokens)) {
                weak = "sqli.statement"; // "create table t (x text);", not the prose "drop table lamp"
            }
            if (weak == null) {
                weak = conditional;
            }
        }
        if (strong.rule == null && weak == null) {
            return Optional.empty();
        }
        int features = strong.count + (weak != null ? 1 : 0);
        double confidence = strong.rule != null ? STRONG : WEAK;
        if (features > 1) {
            confidence = Math.min(0.99, confidence + 0.05 * (features - 1));
        }
        int from = strong.rule != null ? Math.min(strong.at, Math.max(breakout, 0)) : Math.max(breakout, 0);
        if (from <= Math.max(breakout, 1)) {
            from = 0; // the evidence shows the breakout: the closed literal or the leading number
        }
        int evidenceFrom = Math.max(0, tokens.get(Math.min(from, size - 1)).start());
        return Optional.of(new Verdict(strong.rule != null ? strong.rule : weak, confidence, evidenceFrom));
    }

    /** Strong features found during the walk: the first rule, where it starts, how many there were. */
    private static final class Findings {
        /** Tokens past a feature's start the grammar must accept for it to count (or reach the end). */
        private static final int CONFIRMING_TOKENS = 4;

        String rule;
        int at = -1;
        int count;
        private final int[] starts = new int[8];
        private final String[] rules = new String[8];
        private int recorded;

        void add(String r, int index) {
            if (recorded < starts.length) {
                starts[recorded] = index;
                rules[recorded] = r;
                recorded++;
            }
        }

        void addConfirmed(String r, int index) {
            add(r, -index - 1);
        }

        void retainReachedBy(int valid, int size) {
            for (int k = 0; k < recorded; k++) {
                boolean confirmed = starts[k] < 0;
                if (confirmed) {
                    starts[k] = -starts[k] - 1;
                }
                if (confirmed || valid == size || starts[k] + CONFIRMING_TOKENS <= valid) {
                    if (rule == null) {
                        rule = rules[k];
                        at = starts[k];
                    }
                    count++;
                }
            }
        }
    }

    /** True if {@code text} holds a run of three letters: a word of prose rather than a payload's {@code '1}. */
    private static boolean hasWord(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = Character.isLetter(text.charAt(i)) ? run + 1 : 0;
            if (run >= 3) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSqlPunctuation(List<SqlToken> tokens) {
        for (SqlToken t : tokens) {
            switch (t.type()) {
                case SEMICOLON, LPAREN, COMMA, COMMENT, COMPARE -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static boolean isLiteral(SqlToken t) {
        return t != null && (t.type() == NUMBER || t.type() == STRING);
    }

    /**
     * Index of the first token after the value left its literal or number: after the closing quote in a quoted
     * context, after a leading number in a bare one; closing parentheses belong to the breakout. -1 if the value
     * does not start by breaking out.
     */
    private static int breakout(List<SqlToken> tokens, InjectionContext context) {
        int size = tokens.size();
        int i;
        if (context.quoted()) {
            i = 1;
        } else {
            SqlToken first = tokens.get(0);
            if (first.type() == NUMBER) {
                i = 1;
            } else if (first.type() == ARITH && (first.text().equals("-") || first.text().equals("+"))
                    && size > 1 && tokens.get(1).type() == NUMBER) {
                i = 2;
            } else if (first.type() == RPAREN) {
                i = 0;
            } else if (first.type() == LOGIC || first.type() == COMMA || first.type() == SEMICOLON
                    || first.type() == COMPARE
                    || (first.type() == KEYWORD && CONTINUATIONS.contains(first.text()))) {
                // the value continues a statement the query began: " OR 1=1", " ORDER BY 3", " HAVING 1=1"
                return 0;
            } else {
                return -1;
            }
        }
        while (i < size && tokens.get(i).type() == RPAREN) {
            i++;
        }
        return i;
    }

    /** The grammar: the state after {@code t}, or null if {@code t} cannot follow. */
    private static State step(State state, SqlToken t, SqlToken prev, SqlToken next, boolean last,
            InjectionContext context) {
        SqlTokenType type = t.type();
        if (type == COMMENT) {
            return state;
        }
        if (type == STRING && !t.closed() && !(last && (context.quoted() || (prev != null && prev.type() == COMPARE)))) {
            // an unterminated literal is plausible only where the query's own quote closes it: in a quoted context,
            // or as the right side of a final comparison ("1=1 AND 'a'='a" pasted before the query's quote)
            return null;
        }
        return switch (state) {
            case CALL -> type == LPAREN ? State.OPERAND : null;
            case START -> switch (type) {
                case LOGIC, COMMA, COMPARE -> State.OPERAND;
                case SEMICOLON -> State.START;
                case RPAREN -> State.OPERATOR;
                default -> operand(t, prev);
            };
            case OPERAND -> operand(t, prev);
            case OPERATOR -> switch (type) {
                case LOGIC, COMPARE, ARITH, STAR, NOT, COMMA -> State.OPERAND;
                case RPAREN -> State.OPERATOR;
                case SEMICOLON -> State.START;
                // "1')(select ...": not SQL, but sqlmap's payloads close a call and open a subquery so
                case LPAREN -> next != null && next.isKeyword("select") ? State.OPERAND : null;
                case KEYWORD -> SqlVocabulary.VALUE_KEYWORDS.contains(t.text())
                        ? (t.text().equals("end") || t.text().equals("asc") || t.text().equals("desc") ? State.OPERATOR : null)
                        : State.OPERAND;
                // an alias: "from users u", "(select ...) x"
                case WORD -> prev != null && (prev.type() == WORD || prev.type() == RPAREN) ? State.OPERATOR : null;
                default -> null;
            };
        };
    }

    private static State operand(SqlToken t, SqlToken prev) {
        return switch (t.type()) {
            case STRING, NUMBER, WORD, VARIABLE, STAR -> State.OPERATOR;
            case FUNCTION -> State.CALL;
            case LPAREN, NOT -> State.OPERAND;
            case ARITH -> t.text().equals("-") || t.text().equals("+") || t.text().equals("~")
                    ? State.OPERAND : null;
            case KEYWORD -> SqlVocabulary.VALUE_KEYWORDS.contains(t.text()) ? State.OPERATOR : State.OPERAND;
            case RPAREN -> prev != null && prev.type() == LPAREN ? State.OPERATOR : null;
            default -> null;
        };
    }

    private static boolean endsWell(State state, SqlToken last) {
        if (last.type() == COMMENT) {
            return true;
        }
        return state == State.OPERATOR || state == State.START;
    }

    /** A strong feature that starts at keyword {@code i}, or null. */
    private static String keywordFeature(List<SqlToken> tokens, int i) {
        SqlToken t = tokens.get(i);
        switch (t.text()) {
            case "union" -> {
                int j = i + 1;
                while (j < tokens.size() && (tokens.get(j).isKeyword("all") || tokens.get(j).isKeyword("distinct"))) {
                    j++;
                }
                if (j < tokens.size() && tokens.get(j).type() == LPAREN) {
                    j++;
                }
                return startsRealSelect(tokens, j) ? "sqli.union-select" : null;
            }
            case "waitfor" -> {
                return i + 2 < tokens.size() && (tokens.get(i + 1).isKeyword("delay") || tokens.get(i + 1).is(WORD, "time"))
                        && tokens.get(i + 2).type() == STRING ? "sqli.time-delay" : null;
            }
            case "into" -> {
                return i + 1 < tokens.size() && (tokens.get(i + 1).isKeyword("outfile") || tokens.get(i + 1).isKeyword("dumpfile"))
                        ? "sqli.file-write" : null;
            }
            case "exec", "execute" -> {
                return i + 1 < tokens.size() && isCommandProcedure(tokens.get(i + 1).text()) ? "sqli.command-exec" : null;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * True if the call at {@code i} has an argument a payload gives (a number, an expression, a literal) rather than
     * a word, as prose does: {@code sleep(5)} but not {@code benchmark(s)}.
     */
    private static boolean callsWithRealArgument(List<SqlToken> tokens, int i) {
        if (i + 2 >= tokens.size()) {
            return false;
        }
        SqlTokenType arg = tokens.get(i + 2).type();
        return arg == NUMBER || arg == STRING || arg == LPAREN || arg == FUNCTION || arg == VARIABLE || arg == ARITH
                || arg == KEYWORD || (arg == WORD && i + 3 < tokens.size() && tokens.get(i + 3).type() != RPAREN);
    }

    private static boolean isCommandProcedure(String name) {
        return name.endsWith("xp_cmdshell") || name.endsWith("sp_oacreate") || name.endsWith("sp_executesql")
                || name.endsWith("xp_regread") || name.endsWith("xp_dirtree") || name.endsWith("sp_makewebtask");
    }

    private static boolean isCatalogue(String name) {
        return SqlVocabulary.CATALOGUE_NAMES.contains(name) || name.startsWith("information_schema.");
    }

    /** True if a SELECT at {@code j} selects something SQL-like, not the prose "select a plan". */
    static boolean startsRealSelect(List<SqlToken> tokens, int j) {
        int size = tokens.size();
        if (j >= size || !tokens.get(j).isKeyword("select")) {
            return false;
        }
        int k = j + 1;
        while (k < size && (tokens.get(k).isKeyword("distinct") || tokens.get(k).isKeyword("all")
                || tokens.get(k).isKeyword("top") || (k > j + 1 && tokens.get(k - 1).isKeyword("top")
                && tokens.get(k).type() == NUMBER))) {
            k++;
        }
        if (k >= size) {
            return false;
        }
        SqlToken item = tokens.get(k);
        SqlToken afterItem = k + 1 < size ? tokens.get(k + 1) : null;
        switch (item.type()) {
            case NUMBER, STRING, VARIABLE, STAR, FUNCTION, LPAREN -> {
                return true;
            }
            case KEYWORD -> {
                if (item.text().equals("case")) {
                    return true;
                }
                // "select null, null", "select true--"; not "union select true friends"
                return (item.text().equals("null") || item.text().equals("true") || item.text().equals("false"))
                        && (afterItem == null || afterItem.type() == COMMA || afterItem.type() == COMMENT
                        || afterItem.type() == RPAREN || afterItem.isKeyword("from"));
            }
            case WORD -> {
                if (afterItem != null && afterItem.type() == COMMA) {
                    return true;
                }
                if (SqlVocabulary.SYSTEM_VALUES.contains(item.text())
                        && (afterItem == null || afterItem.type() == SEMICOLON || afterItem.type() == COMMENT)) {
                    return true; // "select current_user;"
                }
                for (int m = k + 1; m < size && m <= k + SELECT_LOOKAHEAD; m++) {
                    SqlToken t = tokens.get(m);
                    if (t.isKeyword("where")) {
                        return true;
                    }
                    if (t.isKeyword("from") && m + 1 < size && tokens.get(m + 1).type() == WORD) {
                        return endsFromClause(tokens, m + 2);
                    }
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * True if what follows {@code FROM table} at {@code i} ends a query (end, comment, a clause, a parenthesis), with
     * at most one alias between; word salad ("from version shoes plan") goes on with more words.
     */
    private static boolean endsFromClause(List<SqlToken> tokens, int i) {
        int size = tokens.size();
        int k = i;
        if (k < size && tokens.get(k).type() == WORD) {
            k++;
        }
        if (k >= size) {
            return true;
        }
        SqlToken t = tokens.get(k);
        return switch (t.type()) {
            case COMMENT, RPAREN, SEMICOLON, COMMA -> true;
            case KEYWORD -> !SqlVocabulary.VALUE_KEYWORDS.contains(t.text());
            default -> false;
        };
    }

    /** True if the tokens at {@code i} (after a {@code ;}) begin a statement, not a clause of prose. */
    static boolean startsRealStatement(List<SqlToken> tokens, int i) {
        int size = tokens.size();
        SqlToken t = tokens.get(i);
        SqlToken next = i + 1 < size ? tokens.get(i + 1) : null;
        SqlToken after = i + 2 < size ? tokens.get(i + 2) : null;
        if (!SqlVocabulary.STATEMENT_STARTS.contains(t.text())) {
            return false;
        }
        return switch (t.text()) {
            case "select" -> startsRealSelect(tokens, i);
            case "drop", "create", "alter", "truncate", "rename" -> next != null && (next.isKeyword("table")
                    || next.isKeyword("database") || next.isKeyword("schema") || next.isKeyword("procedure")
                    || next.is(WORD, "view") || next.is(WORD, "function") || next.is(WORD, "user")
                    || next.is(WORD, "login") || next.is(WORD, "index") || next.is(WORD, "trigger")
                    || next.is(LOGIC, "or"));
            case "delete" -> next != null && (next.isKeyword("from") || (next.type() == WORD && after != null
                    && after.isKeyword("where")));
            case "insert" -> next != null && next.isKeyword("into");
            case "update" -> next != null && next.type() == WORD && after != null && after.isKeyword("set");
            case "exec", "execute" -> next != null && (next.type() == WORD || next.type() == VARIABLE
                    || next.type() == LPAREN || next.type() == FUNCTION || next.type() == STRING);
            case "declare", "set" -> next != null && next.type() == VARIABLE;
            case "shutdown" -> next == null || next.type() == COMMENT || next.type() == SEMICOLON
                    || next.is(WORD, "with");
            case "waitfor" -> next != null && (next.isKeyword("delay") || next.is(WORD, "time"));
            case "if" -> t.type() == FUNCTION || (next != null && next.type() == LPAREN);
            case "begin" -> next != null && next.type() == FUNCTION;
            case "call" -> next != null && next.type() == FUNCTION;
            case "load" -> next != null && next.is(WORD, "data");
            case "show" -> next != null && (next.is(WORD, "tables") || next.is(WORD, "databases")
                    || next.is(WORD, "grants") || next.is(WORD, "variables"));
            case "grant", "revoke" -> next != null && (next.isKeyword("all") || next.type() == WORD)
                    && after != null && (after.isKeyword("on") || after.type() == COMMA);
            case "copy" -> next != null && next.type() == WORD && after != null
                    && (after.isKeyword("from") || after.is(WORD, "to"));
            default -> false;
        };
    }

    /**
     * What the value does right after it breaks out (token {@code b}), for a value that is plausible SQL to its end;
     * null if nothing an input would not do.
     */
    private static String weakFeature(List<SqlToken> tokens, int breakout, InjectionContext context) {
        int size = tokens.size();
        int b = breakout;
        // sqlmap's "') as abcd where 1=1 ...": an alias for the query's own table, then the probe
        while (b + 2 < size && tokens.get(b).isKeyword("as") && tokens.get(b + 1).type() == WORD) {
            b += 2;
        }
        // MySQL full-text search: "MATCH (col) AGAINST ('<value>' IN BOOLEAN MODE)", closed by the value
        if (b + 3 < size && tokens.get(b).is(COMPARE, "in") && tokens.get(b + 1).is(WORD, "boolean")
                && tokens.get(b + 2).is(WORD, "mode")) {
            b += 3;
            while (b + 1 < size && tokens.get(b).type() == RPAREN) {
                b++;
            }
        }
        SqlToken t = tokens.get(b);
        SqlToken next = b + 1 < size ? tokens.get(b + 1) : null;
        switch (t.type()) {
            case LOGIC -> {
                return booleanCondition(tokens, b + 1, context) ? "sqli.boolean-condition" : null;
            }
            case COMMENT -> {
                return context.quoted() ? "sqli.comment-truncation" : null;
            }
            case COMPARE -> {
                // "'='", "' like '%", "' in (1)"; not "x' is the variable"
                boolean symbol = !t.text().isEmpty() && !Character.isLetter(t.text().charAt(0));
                return context.quoted() && next != null && (symbol || isLiteral(next) || next.type() == LPAREN
                        || next.isKeyword("null")) ? "sqli.string-comparison" : null;
            }
            case ARITH, STAR -> {
                return context.quoted() && next != null && (next.type() == STRING || next.type() == NUMBER
                        || next.type() == FUNCTION) ? "sqli.string-arithmetic" : null;
            }
            case SEMICOLON -> {
                return null;
            }
            case KEYWORD -> {
                return clauseProbe(tokens, b, context);
            }
            default -> {
                return null;
            }
        }
    }

    /** After {@code AND}/{@code OR} at {@code from - 1}: a condition, not a second noun ("Dunkin' or Starbucks"). */
    private static boolean booleanCondition(List<SqlToken> tokens, int from, InjectionContext context) {
        int size = tokens.size();
        if (from >= size) {
            return false;
        }
        for (int k = from; k < size; k++) {
            SqlToken t = tokens.get(k);
            if (t.type() == LOGIC) {
                break;
            }
            if (t.type() == FUNCTION || t.type() == LPAREN) {
                return true;
            }
            if (t.type() == COMPARE) {
                // "or 1=1", "and x like 'a%'"; a word operator between words is prose ("or shoes like team")
                boolean symbol = !Character.isLetter(t.text().isEmpty() ? 'a' : t.text().charAt(0));
                SqlToken rhs = k + 1 < size ? tokens.get(k + 1) : null;
                SqlToken lhs = tokens.get(k - 1);
                boolean literalSide = isLiteral(rhs) || isLiteral(lhs) || (rhs != null && rhs.type() == VARIABLE)
                        || (rhs != null && lhs.type() == WORD && rhs.type() == WORD && lhs.text().equals(rhs.text()));
                boolean commented = tokens.get(size - 1).type() == COMMENT;
                if ((symbol && (context.quoted() || literalSide || commented)) || (rhs != null && (rhs.type() == NUMBER || rhs.type() == STRING || rhs.type() == LPAREN
                        || rhs.type() == VARIABLE || rhs.isKeyword("null")))) {
                    return true;
                }
            }
        }
        SqlToken operand = tokens.get(from);
        boolean literal = operand.type() == NUMBER || operand.type() == STRING || operand.type() == VARIABLE
                || (operand.type() == KEYWORD && SqlVocabulary.VALUE_KEYWORDS.contains(operand.text()));
        boolean thenComment = from + 1 < size && tokens.get(from + 1).type() == COMMENT;
        boolean thenOperator = from + 1 < size && (tokens.get(from + 1).type() == ARITH
                || tokens.get(from + 1).type() == STAR || tokens.get(from + 1).type() == LOGIC);
        if (literal && (thenComment || (context.quoted()
                && (operand.type() != STRING || thenOperator || !hasWord(operand.text()))))) {
            // "' or 1--", "' or '1", "' or ''-'", "1'||'asd'||'"; a quoted word alone is prose: "the 'and' operator"
            return true;
        }
        if (operand.isKeyword("true") || operand.isKeyword("false")) {
            return from + 1 == size || thenComment; // " or true"
        }
        return operand.type() == WORD && thenComment;
    }

    /** {@code ORDER BY 3}, {@code GROUP BY 1}, {@code HAVING 1=1}, {@code LIMIT 1} right after a breakout. */
    private static String clauseProbe(List<SqlToken> tokens, int b, InjectionContext context) {
        int size = tokens.size();
        SqlToken t = tokens.get(b);
        if ((t.isKeyword("order") || t.isKeyword("group")) && b + 2 < size && tokens.get(b + 1).isKeyword("by")
                && (tokens.get(b + 2).type() == NUMBER || context.quoted())) {
            return "sqli.order-by-probe";
        }
        if (t.isKeyword("having") || t.isKeyword("where")) {
            return booleanCondition(tokens, b + 1, context) ? "sqli.clause-condition" : null;
        }
        if (context.quoted() && (t.isKeyword("limit") || t.isKeyword("procedure") || t.isKeyword("into")
                || t.isKeyword("union") || t.isKeyword("from"))) {
            return b + 1 < size ? "sqli.clause-after-quote" : null;
        }
        return null;
    }
}
