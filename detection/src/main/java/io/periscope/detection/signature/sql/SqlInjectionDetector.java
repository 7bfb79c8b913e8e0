package io.periscope.detection.signature.sql;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
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

    @Override
    public AttackClass attackClass() {
        return AttackClass.SQL_INJECTION;
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
