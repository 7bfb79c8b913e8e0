package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;

/**
 * A behaviour that crossed its threshold, explaining itself.
 *
 * @param type        which behaviour
 * @param severity    how bad, outcome included
 * @param confidence  0..1
 * @param outcome     what the answers said
 * @param metric      what was measured ({@code distinct object ids on GET /orders/{id} in 10 min})
 * @param observed    the observed value
 * @param baseline    the baseline it was compared with (peers' p99, its own average; 0 while warming up)
 * @param threshold   the threshold it crossed
 * @param template    the endpoint template concerned, null when the behaviour spans endpoints
 */
public record Finding(BehaviourType type, Severity severity, double confidence, Outcome outcome, String metric,
                      double observed, double baseline, double threshold, String template) {

    public static Finding of(BehaviourType type, Outcome outcome, String metric, double observed, double baseline,
                             double threshold, String template) {
        Severity severity = outcome == Outcome.LIKELY_SUCCESS ? Severity.max(type.severity(), Severity.HIGH) : type.severity();
        double confidence = Math.min(1.0, type.confidence() + (observed >= 3 * threshold ? 0.05 : 0));
        return new Finding(type, severity, confidence, outcome, metric, observed, baseline, threshold, template);
    }

    public Finding escalated(Severity to, Outcome worse) {
        return new Finding(type, Severity.max(severity, to), confidence, Outcome.max(outcome, worse), metric, observed,
                baseline, threshold, template);
    }

    public Finding withConfidence(double value) {
        return new Finding(type, severity, value, outcome, metric, observed, baseline, threshold, template);
    }

    /** One sentence: the baseline, the observed value and the threshold. */
    public String explanation() {
        return String.format(java.util.Locale.ROOT, "%s: observed %.0f, threshold %.0f (baseline %.1f)", metric, observed,
                threshold, baseline);
    }
}
