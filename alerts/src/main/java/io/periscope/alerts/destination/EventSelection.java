package io.periscope.alerts.destination;

import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.enforcement.EnforcementFindingKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which events a destination receives. {@link IncidentChange#UPDATED} and {@link IncidentChange#DISMISSED} are never
 * alerts (more of the same, and an admin's own action), so selecting them has no effect.
 *
 * @param incidents incident changes to send (opened, escalated, resolved, reopened)
 * @param changes   catalog change types to send; empty for none
 * @param findings  posture finding types to send; empty for none
 * @param enforcement enforcement findings to send (a cap stopped auto-blocking, a block is not effective); absent
 *                  (null, as in destinations stored before this field existed) means all of them, empty means none
 */
public record EventSelection(Set<IncidentChange> incidents, Set<ChangeType> changes, Set<FindingType> findings,
                             Set<EnforcementFindingKind> enforcement) {

    public EventSelection {
        incidents = incidents == null ? Set.of() : Set.copyOf(incidents);
        changes = changes == null ? Set.of() : Set.copyOf(changes);
        findings = findings == null ? Set.of() : Set.copyOf(findings);
        // enforcement findings say that attacks go unblocked: on unless a destination opts out
        enforcement = enforcement == null ? EnumSet.allOf(EnforcementFindingKind.class) : Set.copyOf(enforcement);
    }

    /** Incidents opened, escalated, resolved and reopened; no catalog changes, no findings, no enforcement findings. */
    public static EventSelection incidentsOnly() {
        return new EventSelection(EnumSet.of(IncidentChange.OPENED, IncidentChange.ESCALATED, IncidentChange.RESOLVED,
                IncidentChange.REOPENED), Set.of(), Set.of(), Set.of());
    }

    /** What a destination receives when it says nothing: incidents and every enforcement finding. */
    public static EventSelection defaults() {
        return new EventSelection(incidentsOnly().incidents(), Set.of(), Set.of(), null);
    }
}
