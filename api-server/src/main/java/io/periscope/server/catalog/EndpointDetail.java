package io.periscope.server.catalog;

import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.catalog.TrafficStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One endpoint as the API shows it. Everything comes from the catalog snapshot, whose values are masked
 * already; the base64 sketches (latency histogram, client HyperLogLog) are left out as they mean nothing
 * to a reader.
 *
 * @param parameters   parameters other than body fields, by location
 * @param schemas      body field trees: {@code request}, and one per response status
 * @param auth         credential schemes and calls without credentials
 * @param traffic      calls, status codes, latency percentiles, body sizes, clients, content types
 * @param findings     open posture findings
 * @param changes      the latest catalog changes of the endpoint, newest first
 * @param neverSucceeded no response of this endpoint was a 1xx, 2xx or 3xx (see {@link EndpointSnapshot#neverSucceeded()})
 */
public record EndpointDetail(String endpointId, String serviceKey, String session, String host, String method,
                             String pathTemplate, long firstSeenMicros, long lastSeenMicros, boolean stale,
                             List<String> mergedFrom, Map<ParameterLocation, List<ParameterInfo>> parameters,
                             Schemas schemas, List<SensitiveDataInfo> sensitiveData, Auth auth, Traffic traffic,
                             List<PostureFinding> findings, List<CatalogChange> changes, boolean neverSucceeded) {
    static final int MAX_CHANGES = 20;

    public record Schemas(FieldNode request, Map<String, FieldNode> responses) {
    }

    public record Auth(Map<String, Long> schemes, long unauthenticatedCalls, double unauthenticatedShare) {
    }

    public record Latency(long p50Micros, long p90Micros, long p99Micros, long maxMicros) {
    }

    public record Traffic(long calls, Map<String, Long> statusCodes, Map<String, Long> statusClasses, Latency latency,
                          TrafficStats.SizeStats requestBytes, TrafficStats.SizeStats responseBytes, long distinctClients,
                          Map<String, Long> requestContentTypes, Map<String, Long> responseContentTypes) {
    }

    static EndpointDetail of(EndpointSnapshot s, List<PostureFinding> openFindings, List<CatalogChange> changes) {
        Map<ParameterLocation, List<ParameterInfo>> byLocation = new EnumMap<>(ParameterLocation.class);
        List<ParameterInfo> requestBody = new ArrayList<>();
        Map<Integer, List<ParameterInfo>> responseBodies = new TreeMap<>();
        for (ParameterInfo p : s.parameters()) {
            switch (p.location()) {
                case REQUEST_BODY -> requestBody.add(p);
                case RESPONSE_BODY -> responseBodies.computeIfAbsent(p.status(), k -> new ArrayList<>()).add(p);
                default -> byLocation.computeIfAbsent(p.location(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, FieldNode> responses = new TreeMap<>();
        responseBodies.forEach((status, fields) -> responses.put(Integer.toString(status), FieldNode.tree(fields)));
        TrafficStats t = s.traffic();
        Traffic traffic = new Traffic(t.calls(), new TreeMap<>(t.statusCodes()), new TreeMap<>(t.statusClasses()),
                new Latency(t.latencyP50Micros(), t.latencyP90Micros(), t.latencyP99Micros(), t.latencyMaxMicros()),
                t.requestBytes(), t.responseBytes(), t.distinctClients(),
                new TreeMap<>(t.requestContentTypes()), new TreeMap<>(t.responseContentTypes()));
        // The findings topic is the source of truth for open findings; the snapshot's copy may lag behind it.
        List<PostureFinding> findings = openFindings.isEmpty() ? s.findings() : openFindings;
        return new EndpointDetail(s.endpointId(), s.serviceKey(), s.session(), s.host(), s.method(), s.pathTemplate(),
                s.firstSeenMicros(), s.lastSeenMicros(), s.stale(), s.mergedFrom(), byLocation,
                new Schemas(requestBody.isEmpty() ? null : FieldNode.tree(requestBody), responses),
                s.sensitiveData(), new Auth(new TreeMap<>(t.authSchemes()), t.unauthenticatedCalls(), t.unauthenticatedShare()),
                traffic, findings, changes, s.neverSucceeded());
    }
}
