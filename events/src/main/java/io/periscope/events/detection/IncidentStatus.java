package io.periscope.events.detection;

/** Life cycle of an incident: open while signals arrive, resolved after a quiet period, reopened if it resumes. */
public enum IncidentStatus {
    OPEN, RESOLVED, DISMISSED
}
