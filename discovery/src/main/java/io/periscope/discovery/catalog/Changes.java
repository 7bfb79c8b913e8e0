package io.periscope.discovery.catalog;

import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;

/** Builds change events with deterministic ids, so that a replayed exchange produces the same id. */
final class Changes {
    private Changes() {
    }

    static CatalogChange of(ChangeType type, String serviceKey, EndpointAggregate ep, String subject, String before,
                            String after, long at) {
        String endpointId = ep == null ? null : ep.id();
        return new CatalogChange(CatalogChange.SCHEMA_VERSION,
                Ids.of("change", type.name(), serviceKey, endpointId, subject, after, Long.toString(at)),
                type, serviceKey, endpointId, ep == null ? null : ep.method(), ep == null ? null : ep.template(),
                subject, before, after, at);
    }
}
