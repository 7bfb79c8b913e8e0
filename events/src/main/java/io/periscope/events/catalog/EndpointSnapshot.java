package io.periscope.events.catalog;

import io.periscope.events.Versioned;
import java.util.List;
import java.util.Map;

/**
 * The catalog state of one endpoint, published to {@code periscope.catalog} keyed by {@link #endpointId()}.
 * The topic is compacted: the latest snapshot is the state; a tombstone (null value) means the endpoint was
 * merged into another one (see {@link #mergedFrom()} on the survivor).
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param endpointId      stable id: hex of a hash of service key, method and template with parameter names blanked
 * @param serviceKey      {@code session|host}, as {@link io.periscope.events.http.HttpExchange#serviceKey()}
 * @param session         mirror session
 * @param host            API host
 * @param method          HTTP method, upper case
 * @param pathTemplate    path template, parameters as {@code {name}}
 * @param firstSeenMicros capture time of the first exchange
 * @param lastSeenMicros  capture time of the latest exchange
 * @param stale           not seen for longer than the configured stale period
 * @param traffic         traffic statistics
 * @param parameters      observed parameters
 * @param sensitiveData   sensitive data observed, per type and place
 * @param findings        open posture findings of this endpoint
 * @param responseShapes  responses per body shape, keyed {@code status:shape} where shape is a hash of the sorted
 *                        top-level field names (or the media type of non-JSON bodies); used to decide whether
 *                        sibling literals are identifiers
 * @param messageCounts   denominators of presence ratios: {@code request}, {@code requestBody} (parsed request
 *                        bodies) and {@code responseBody:<status>} (parsed response bodies per status)
 * @param mergedFrom      ids of endpoints that were merged into this one
 */
public record EndpointSnapshot(
        int schemaVersion,
        String endpointId,
        String serviceKey,
        String session,
        String host,
        String method,
        String pathTemplate,
        long firstSeenMicros,
        long lastSeenMicros,
        boolean stale,
        TrafficStats traffic,
        List<ParameterInfo> parameters,
        List<SensitiveDataInfo> sensitiveData,
        List<PostureFinding> findings,
        Map<String, Long> responseShapes,
        Map<String, Long> messageCounts,
        List<String> mergedFrom) implements Versioned {

    public static final int SCHEMA_VERSION = 1;

    /** This snapshot with other traffic statistics. */
    public EndpointSnapshot withTraffic(TrafficStats newTraffic) {
        return new EndpointSnapshot(schemaVersion, endpointId, serviceKey, session, host, method, pathTemplate, firstSeenMicros,
                lastSeenMicros, stale, newTraffic, parameters, sensitiveData, findings, responseShapes, messageCounts, mergedFrom);
    }

    /**
     * Whether every response this endpoint gave was an error (typically only 401/403: it exists, but no call seen
     * was allowed through): at least one response, and none of class 1xx, 2xx or 3xx. Derived from
     * {@link TrafficStats#statusClasses()}, so it needs no field of its own on the wire.
     */
    public boolean neverSucceeded() {
        Map<String, Long> classes = traffic == null ? Map.of() : traffic.statusClasses();
        boolean answered = classes.keySet().stream().anyMatch(k -> !k.equals("none"));
        return answered && !classes.containsKey("1xx") && !classes.containsKey("2xx") && !classes.containsKey("3xx");
    }

    public EndpointSnapshot {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        sensitiveData = sensitiveData == null ? List.of() : List.copyOf(sensitiveData);
        findings = findings == null ? List.of() : List.copyOf(findings);
        responseShapes = responseShapes == null ? Map.of() : Map.copyOf(responseShapes);
        messageCounts = messageCounts == null ? Map.of() : Map.copyOf(messageCounts);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }
}
