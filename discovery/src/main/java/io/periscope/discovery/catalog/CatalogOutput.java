package io.periscope.discovery.catalog;

import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;

/** Where the engine sends what it produces: the stream processor forwards these to topics and the state store. */
public interface CatalogOutput {
    void change(CatalogChange change);

    void finding(PostureFinding finding);

    /** A changed endpoint, on flush. */
    void endpoint(EndpointSnapshot snapshot);

    /** An endpoint merged away into another; its snapshot must be deleted. */
    void endpointRemoved(String serviceKey, String endpointId);

    /**
     * A finding id that will never be published again (its endpoint was merged away; the survivor carries the
     * finding under a new id): its record must be tombstoned, which resolves it for every reader.
     */
    void findingRemoved(String findingId);

    /** A probed path changed (it is stored too). */
    void probedPath(ProbedPath path);

    /** A probed path was promoted into the catalog or evicted: its stored state is deleted and its record tombstoned. */
    void probedPathRemoved(String serviceKey, String probedPathId);

    /** A service's templating state changed (learned merges, rules). */
    void service(ServiceState state);

    /**
     * One call cataloged under {@code endpointId}, at event time {@code atMicros}, for the call series
     * ({@code io.periscope.discovery.series}). Outputs that keep no series ignore it.
     *
     * @param status        the response status, 0 when there was none
     * @param latencyMicros server latency, -1 when not measured
     */
    default void call(String serviceKey, String endpointId, long atMicros, int status, long latencyMicros) {
    }

    /**
     * {@code fromEndpointId} was merged into {@code intoEndpointId} (announced right before its
     * {@link #endpointRemoved}), so that what is kept per endpoint beside the snapshot follows the merge.
     */
    default void endpointMerged(String serviceKey, String fromEndpointId, String intoEndpointId) {
    }
}
