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
    ERROR_ABUSE(Severity.LOW, 0.6),
    /** BOLA proper: reads or writes of objects that other principals own ({@link ForeignObjectDetector}). */
    BOLA_FOREIGN_OBJECTS(Severity.HIGH, 0.85),
    /** Low-and-slow stuffing: many addresses sharing one client fingerprint, each trying few accounts. */
    DISTRIBUTED_CREDENTIAL_STUFFING(Severity.HIGH, 0.85),
    /** One credential in two configured locations further apart than any traveller could go in between. */
    IMPOSSIBLE_TRAVEL(Severity.HIGH, 0.8),
    /** One credential alternating between distinct networks within minutes: used in two places at once. */
    SESSION_HIJACK(Severity.HIGH, 0.75),
    /** Writes setting properties the endpoint's learned request schema never carried (OWASP API3). */
    MASS_ASSIGNMENT(Severity.MEDIUM, 0.75);

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
