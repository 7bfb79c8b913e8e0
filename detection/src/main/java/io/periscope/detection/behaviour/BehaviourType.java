package io.periscope.detection.behaviour;

import io.periscope.events.detection.Severity;

/**
 * The behaviours detection reports (the {@code type} of a behaviour {@link io.periscope.events.detection.Signal}),
 * with the severity and confidence a finding starts from before its outcome is weighed.
 */
public enum BehaviourType {
    BOLA(Severity.MEDIUM, 0.8),
    BRUTE_FORCE(Severity.MEDIUM, 0.85),
    CREDENTIAL_STUFFING(Severity.HIGH, 0.9),
    PASSWORD_SPRAYING(Severity.HIGH, 0.85),
    RECONNAISSANCE(Severity.LOW, 0.7),
    TOKEN_SHARING(Severity.MEDIUM, 0.7),
    JWT_TAMPERING(Severity.HIGH, 0.9),
    SCRAPING(Severity.MEDIUM, 0.7),
    RATE_ABUSE(Severity.LOW, 0.6),
    ERROR_ABUSE(Severity.LOW, 0.6);

    private final Severity severity;
    private final double confidence;

    BehaviourType(Severity severity, double confidence) {
        this.severity = severity;
        this.confidence = confidence;
    }

    public Severity severity() {
        return severity;
    }

    public double confidence() {
        return confidence;
    }
}
