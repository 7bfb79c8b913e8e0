package io.periscope.events.detection;

/**
 * What the latest version of an incident changed. Alerting sends one alert for {@link #OPENED}, {@link #ESCALATED},
 * {@link #RESOLVED} (and {@link #REOPENED}); {@link #UPDATED} (more of the same) is not alert-worthy.
 */
public enum IncidentChange {
    OPENED,
    /** Severity went up, a new attack type joined, the outcome got worse, or a block was applied. */
    ESCALATED,
    /** More requests or signals of kinds already known. */
    UPDATED,
    RESOLVED,
    REOPENED,
    DISMISSED
}
