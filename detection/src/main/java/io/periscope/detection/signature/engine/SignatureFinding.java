package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.InputLocation;
import java.util.Objects;

/**
 * One attack found in one input location of one exchange.
 *
 * @param attackClass the class recognised
 * @param location    where in the request
 * @param rule        what matched ({@code traversal.sensitive-file}, {@code log4shell.obfuscated-jndi}, ...)
 * @param evidence    the decoded fragment that matched, at most 200 characters, masked ({@link EvidenceMask}); safe to
 *                    log and publish
 * @param confidence  0..1, the detector's
 * @param outcome     how the server answered
 * @param severity    from the confidence and the outcome ({@link SeverityPolicy})
 */
public record SignatureFinding(AttackClass attackClass, InputLocation location, String rule, String evidence,
                               double confidence, Outcome outcome, Severity severity) {
    public SignatureFinding {
        Objects.requireNonNull(attackClass, "attackClass");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(severity, "severity");
    }
}
