package io.periscope.events.detection;

import io.periscope.events.Versioned;
import java.util.List;
import java.util.Objects;

/**
 * Everything one actor did in one attack campaign. Published to {@code periscope.incidents} keyed by {@link #id()},
 * compacted: the latest version is the state. {@link #version()} increases with every published change, so a consumer
 * (alerting) can tell a new version from a redelivered one.
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION}
 * @param id               stable incident id
 * @param version          1 for the first publication, then +1 per change
 * @param change           what this version changed
 * @param status           open, resolved or dismissed
 * @param actor            who
 * @param types            attack types seen, sorted
 * @param severity         the highest severity, outcome included
 * @param confidence       0..1
 * @param outcome          the worst outcome seen
 * @param verdict          what should happen
 * @param verdictReason    why, in one sentence
 * @param firstSeenMicros  capture time of the first signal
 * @param lastSeenMicros   capture time of the latest signal
 * @param requestCount     requests attributed to the incident
 * @param signalCount      signals correlated into it
 * @param endpoints        endpoints touched (bounded, most requested first)
 * @param evidence         sample evidence (bounded)
 * @param timeline         the timeline (bounded)
 * @param updatedAtMicros  capture time of the change that produced this version
 */
public record Incident(
        int schemaVersion,
        String id,
        long version,
        IncidentChange change,
        IncidentStatus status,
        Actor actor,
        List<String> types,
        Severity severity,
        double confidence,
        Outcome outcome,
        Verdict verdict,
        String verdictReason,
        long firstSeenMicros,
        long lastSeenMicros,
        long requestCount,
        long signalCount,
        List<EndpointTouch> endpoints,
        List<Evidence> evidence,
        List<TimelineEntry> timeline,
        long updatedAtMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(verdict, "verdict");
        types = types == null ? List.of() : List.copyOf(types);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** The key on {@code periscope.incidents}. */
    public String key() {
        return id;
    }
}
