package io.periscope.discovery.catalog;

import io.periscope.events.catalog.EndpointSnapshot;

/** Where {@link CatalogEngine#persistPending} writes state that must survive a restart. */
public interface StateSink {
    void endpoint(EndpointSnapshot snapshot);

    void service(ServiceState state);
}
