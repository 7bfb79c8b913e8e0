package io.periscope.alerts.outbox;

import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of an incident an alert carries: who, what, where, how bad. Evidence and the timeline stay in Periscope
 * (the alert links to them), which keeps outbox records small and alerts free of request samples.
 *
 * @param addresses client addresses, at most {@value #MAX_LIST}
 * @param users     user names, at most {@value #MAX_LIST}
 * @param services  services touched, at most {@value #MAX_LIST}
 * @param endpoints {@code METHOD path} of the endpoints touched, at most {@value #MAX_LIST}
 */
public record IncidentSummary(String id, long version, IncidentChange change, IncidentStatus status, String actorId,
                              List<String> addresses, List<String> users, List<String> types, Severity severity,
                              double confidence, Outcome outcome, Verdict verdict, String verdictReason,
                              long firstSeenMicros, long lastSeenMicros, long requestCount, List<String> services,
                              List<String> endpoints) {
    public static final int MAX_LIST = 10;

    public IncidentSummary {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        users = users == null ? List.of() : List.copyOf(users);
        types = types == null ? List.of() : List.copyOf(types);
        services = services == null ? List.of() : List.copyOf(services);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    public static IncidentSummary of(Incident i) {
        Set<String> services = new LinkedHashSet<>();
        for (EndpointTouch t : i.endpoints()) {
            if (t.serviceKey() != null && services.size() < MAX_LIST) {
                services.add(t.serviceKey());
            }
        }
        return new IncidentSummary(i.id(), i.version(), i.change(), i.status(), i.actor().id(),
                i.actor().addresses().stream().map(ActorAddress::ip).limit(MAX_LIST).toList(),
                i.actor().users().stream().limit(MAX_LIST).toList(),
                i.types().stream().limit(MAX_LIST).toList(), i.severity(), i.confidence(), i.outcome(), i.verdict(),
                i.verdictReason(), i.firstSeenMicros(), i.lastSeenMicros(), i.requestCount(), List.copyOf(services),
                i.endpoints().stream().limit(MAX_LIST).map(t -> t.method() + " " + t.path()).toList());
    }
}
