package io.periscope.alerts.destination;

import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.detection.IncidentChange;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a destination receives. {@link IncidentChange#UPDATED} and {@link IncidentChange#DISMISSED} are never
 * alerts (more of the same, and an admin's own action), so selecting them has no effect.
 *
 * @param incidents incident changes to send (opened, escalated, resolved, reopened)
 * @param changes   catalog change types to send; empty for none
 * @param findings  posture finding types to send; empty for none
 */
public record EventSelection(Set<IncidentChange> incidents, Set<ChangeType> changes, Set<FindingType> findings) {

    public EventSelection {
        incidents = incidents == null ? Set.of() : Set.copyOf(incidents);
        changes = changes == null ? Set.of() : Set.copyOf(changes);
        findings = findings == null ? Set.of() : Set.copyOf(findings);
    }

    /** Incidents opened, escalated, resolved and reopened; no catalog changes, no findings. */
    public static EventSelection incidentsOnly() {
        return new EventSelection(EnumSet.of(IncidentChange.OPENED, IncidentChange.ESCALATED, IncidentChange.RESOLVED,
                IncidentChange.REOPENED), Set.of(), Set.of());
    }
}
