package io.periscope.detection.signature.sql;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.List;
import java.util.Optional;

/**
 * SQL injection by lexical analysis: the value is lexed as SQL in each context it may be pasted into (bare, inside
 * single quotes, inside double quotes; a quoted context only if the value holds that quote) and the judge decides per
 * context; the most confident context wins.
 */
public final class SqlInjectionDetector implements ValueDetector {

    /**
     * Tokens lexed per context. Payloads are a few dozen tokens; a value that needs more is cut and then judged only
     * for strong features in what was read.
     */
    static final int MAX_TOKENS = 2048;

    private static final CharMask DIGITS = CharMask.range('0', '9');
    /** What the lexer reads as one word or number and nothing else: {@code $} and {@code .} join words too, but into names the judge weighs. */
    private static final CharMask WORD_CHARS = CharMask.ALPHANUMERIC.or(CharMask.of("_"));

    @Override
    public AttackClass attackClass() {
        return AttackClass.SQL_INJECTION;
    }

    /**
     * A value of letters, digits and {@code _} alone is one token (a word, or an integer) unless it starts with a digit
     * and goes on with a letter ({@code 1e0union}: a number, then a word); one token has no feature to judge.
     */
    @Override
    public boolean mayMatch(ValueScan scan) {
        if (!scan.only(WORD_CHARS)) {
            return true;
        }
        String value = scan.value();
        return !value.isEmpty() && Character.isDigit(value.charAt(0)) && !scan.only(DIGITS);
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        SqlJudge.Verdict best = null;
        for (InjectionContext context : InjectionContext.values()) {
            if (context.quoted() && value.indexOf(context.quote()) < 0) {
                continue;
            }
            List<SqlToken> tokens = SqlLexer.tokenize(value, context, MAX_TOKENS);
            boolean cut = tokens.size() >= MAX_TOKENS;
            Optional<SqlJudge.Verdict> verdict = SqlJudge.judge(tokens, context, cut);
            if (verdict.isPresent() && (best == null || verdict.get().confidence() > best.confidence())) {
                best = verdict.get();
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Match(AttackClass.SQL_INJECTION, best.confidence(), best.rule(),
                value.substring(best.evidenceFrom())));
    }
}
