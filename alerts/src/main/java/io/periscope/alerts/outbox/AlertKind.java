package io.periscope.alerts.outbox;

import io.periscope.events.detection.IncidentChange;
import io.periscope.events.enforcement.EnforcementFindingKind;

/** What an alert announces; {@link #type()} is the {@code type} of the Periscope JSON event. */
public enum AlertKind {
    INCIDENT_OPENED("incident.opened"),
    INCIDENT_ESCALATED("incident.escalated"),
    INCIDENT_RESOLVED("incident.resolved"),
    INCIDENT_REOPENED("incident.reopened"),
    /** More incidents opened within a minute than the digest threshold: one message lists the rest. */
    INCIDENT_DIGEST("incident.digest"),
    CATALOG_CHANGE("catalog.change"),
    POSTURE_FINDING("posture.finding"),
    /** A cap stopped auto-blocking: the attackers it turned away are not blocked. */
    ENFORCEMENT_CAP_REACHED("enforcement.cap_reached"),
    /** A block is applied but the blocked address still reaches the application. */
    ENFORCEMENT_BLOCK_INEFFECTIVE("enforcement.block_ineffective"),
    /** Sent by an admin from the API to check a destination. */
    TEST("test");

    private final String type;

    AlertKind(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }

    /** The kind of an incident change, or null for changes that are never alerts (updated, dismissed). */
    public static AlertKind of(IncidentChange change) {
        return switch (change) {
            case OPENED -> INCIDENT_OPENED;
            case ESCALATED -> INCIDENT_ESCALATED;
            case RESOLVED -> INCIDENT_RESOLVED;
            case REOPENED -> INCIDENT_REOPENED;
            case UPDATED, DISMISSED -> null;
        };
    }

    /** The kind of an enforcement finding. */
    public static AlertKind of(EnforcementFindingKind kind) {
        return switch (kind) {
            case CAP_REACHED -> ENFORCEMENT_CAP_REACHED;
            case BLOCK_NOT_EFFECTIVE -> ENFORCEMENT_BLOCK_INEFFECTIVE;
        };
    }
}
