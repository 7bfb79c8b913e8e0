package io.periscope.detection.signature.engine;

/**
 * Severity from the detector's confidence and the outcome. An attempt the server refused is a probe (low); one that
 * was answered, or not seen answered, is medium; a large answer or a revealing one is high, and critical when the
 * detector was also confident ({@link #CONFIDENT}).
 */
final class SeverityPolicy {
    /** Confidence above which a revealing answer makes a finding critical: the detectors' strong rules score 0.9+. */
    static final double CONFIDENT = 0.9;

    private SeverityPolicy() {
    }

    static Severity severity(double confidence, Outcome outcome) {
        return switch (outcome) {
            case REFUSED, REDIRECTED -> Severity.LOW;
            case UNANSWERED, ANSWERED, SERVER_ERROR -> Severity.MEDIUM;
            case LARGE_ANSWER -> Severity.HIGH;
            case REVEALING -> confidence >= CONFIDENT ? Severity.CRITICAL : Severity.HIGH;
        };
    }
}
