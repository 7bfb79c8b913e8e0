package io.periscope.detection.signature;

import java.util.Objects;

/**
 * What one detector concluded about one (decoded) value.
 *
 * @param attackClass the class recognised
 * @param confidence  0..1; how sure the detector is that the value is an attack of this class
 * @param rule        a short, stable name of what matched (for example {@code sqli.tautology},
 *                    {@code log4shell.nested-lookup}); says why, so a verdict can explain itself
 * @param evidence    the decoded fragment that matched, at most {@link #MAX_EVIDENCE} characters; the caller masks
 *                    it before it leaves the process
 */
public record Match(AttackClass attackClass, double confidence, String rule, String evidence) {
    public static final int MAX_EVIDENCE = 200;

    public Match {
        Objects.requireNonNull(attackClass, "attackClass");
        Objects.requireNonNull(rule, "rule");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
        }
        evidence = evidence == null ? "" : evidence.length() > MAX_EVIDENCE ? evidence.substring(0, MAX_EVIDENCE) : evidence;
    }
}
