package io.periscope.events.catalog;

import java.util.List;

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
 * @param responseShapes  distinct response body shapes seen per status (hashes of the sorted top-level field
 *                        names), used to decide whether sibling literals are identifiers
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
        List<String> responseShapes,
        List<String> mergedFrom) {

    public static final int SCHEMA_VERSION = 1;

    public EndpointSnapshot {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        sensitiveData = sensitiveData == null ? List.of() : List.copyOf(sensitiveData);
        findings = findings == null ? List.of() : List.copyOf(findings);
        responseShapes = responseShapes == null ? List.of() : List.copyOf(responseShapes);
        mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }
}
