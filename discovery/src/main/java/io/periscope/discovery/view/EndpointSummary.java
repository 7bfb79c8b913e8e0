package io.periscope.discovery.view;

import io.periscope.events.catalog.EndpointSnapshot;
import java.util.List;

/** A row of the endpoint list; {@code neverSucceeded}: see {@link EndpointSnapshot#neverSucceeded()}. */
public record EndpointSummary(String endpointId, String serviceKey, String method, String pathTemplate, long calls,
                              long firstSeenMicros, long lastSeenMicros, boolean stale, List<String> sensitiveTypes,
                              double unauthenticatedShare, List<String> authSchemes, List<String> findingTypes,
                              boolean neverSucceeded) {

    static EndpointSummary of(EndpointSnapshot s) {
        return new EndpointSummary(s.endpointId(), s.serviceKey(), s.method(), s.pathTemplate(), s.traffic().calls(),
                s.firstSeenMicros(), s.lastSeenMicros(), s.stale(),
                s.sensitiveData().stream().map(d -> d.type()).distinct().sorted().toList(),
                s.traffic().unauthenticatedShare(), s.traffic().authSchemes().keySet().stream().sorted().toList(),
                s.findings().stream().map(f -> f.type().name()).distinct().sorted().toList(), s.neverSucceeded());
    }
}
