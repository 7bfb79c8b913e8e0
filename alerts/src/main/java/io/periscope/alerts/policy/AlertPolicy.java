package io.periscope.alerts.policy;

import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.format.AlertText;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.Severity;
import io.periscope.events.enforcement.EnforcementFinding;
import java.util.Collection;
import java.util.List;

/**
 * Which destinations an event goes to: enabled, selecting the event's kind, at or above their minimum severity, and
 * limited to none or to one of the event's services. Pure: the decider applies the storm guard and the version ledger.
 */
public final class AlertPolicy {

    private AlertPolicy() {
    }

    public static List<Destination> forIncident(IncidentSummary i, Collection<Destination> destinations) {
        if (i.change() == IncidentChange.UPDATED || i.change() == IncidentChange.DISMISSED) {
            return List.of();
        }
        return destinations.stream()
                .filter(Destination::enabled)
                .filter(d -> d.events().incidents().contains(i.change()))
                .filter(d -> i.severity().atLeast(d.minSeverity()))
                .filter(d -> d.services().isEmpty() || i.services().stream().anyMatch(d.services()::contains))
                .toList();
    }

    public static List<Destination> forChange(CatalogChange c, Collection<Destination> destinations) {
        return destinations.stream()
                .filter(Destination::enabled)
                .filter(d -> d.events().changes().contains(c.type()))
                // a catalog change has no severity of its own: only destinations without a minimum above LOW get it
                .filter(d -> d.minSeverity() == Severity.LOW)
                .filter(d -> d.services().isEmpty() || d.services().contains(c.serviceKey()))
                .toList();
    }

    /**
     * Enforcement findings concern the whole deployment (a cap, a web ACL), not one service: a destination's service
     * list does not filter them out.
     */
    public static List<Destination> forEnforcement(EnforcementFinding f, Collection<Destination> destinations) {
        return destinations.stream()
                .filter(Destination::enabled)
                .filter(d -> d.events().enforcement().contains(f.kind()))
                .filter(d -> f.severity().atLeast(d.minSeverity()))
                .toList();
    }

    public static List<Destination> forFinding(PostureFinding f, Collection<Destination> destinations) {
        Severity severity = AlertText.findingSeverity(f.severity());
        return destinations.stream()
                .filter(Destination::enabled)
                .filter(d -> d.events().findings().contains(f.type()))
                .filter(d -> severity.atLeast(d.minSeverity()))
                .filter(d -> d.services().isEmpty() || d.services().contains(f.serviceKey()))
                .toList();
    }
}
