package io.periscope.server.incidents;

import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;

import java.util.List;

/**
 * One incident in a list: what a person scans, without the timeline and evidence. Actor addresses are plain strings.
 */
public record IncidentSummary(String id, long version, IncidentStatus status, List<String> types, Severity severity,
                              double confidence, Outcome outcome, Verdict verdict, String actorId, List<String> addresses,
                              List<String> users, long firstSeenMicros, long lastSeenMicros, long requestCount,
                              long signalCount, int endpointCount) {

    static IncidentSummary of(Incident i) {
        return new IncidentSummary(i.id(), i.version(), i.status(), i.types(), i.severity(), i.confidence(), i.outcome(),
                i.verdict(), i.actor().id(), i.actor().addresses().stream().map(a -> a.ip()).toList(), i.actor().users(),
                i.firstSeenMicros(), i.lastSeenMicros(), i.requestCount(), i.signalCount(), i.endpoints().size());
    }
}
