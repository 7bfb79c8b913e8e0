package io.periscope.discovery.catalog;

import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ProbedPath;

/** Where {@link CatalogEngine#persistPending} writes state that must survive a restart. */
public interface StateSink {
    void endpoint(EndpointSnapshot snapshot);

    void service(ServiceState state);

    void probedPath(ProbedPath path);

    void probedPathRemoved(String probedPathId);
}
