package io.periscope.events.catalog;

import io.periscope.events.Versioned;
import java.util.List;
import java.util.Map;

/**
 * A path of a service that only ever answered "not found" (404 or 405 by default): a probe, kept apart from the
 * catalog. Published to {@code periscope.probed-paths} keyed by {@link #id()}; the topic is compacted, and a
 * tombstone means the path answered something else and was promoted into the catalog with this history, or was
 * evicted as the least recently probed path of a full service.
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION}
 * @param id              stable id: hex of a hash of service key, method and template with parameter names blanked
 * @param serviceKey      {@code session|host}
 * @param session         mirror session
 * @param host            API host
 * @param method          HTTP method, upper case
 * @param pathTemplate    the normalised path, typed segments as {@code {name}} as in the catalog
 * @param calls           exchanges counted
 * @param statusCodes     responses per status code (only "not found" statuses, or {@code none})
 * @param distinctClients estimated number of distinct client addresses (HyperLogLog)
 * @param clientSketch    the HyperLogLog registers, base64; null in read models that only display the estimate
 * @param topClients      the most frequent clients with their calls, most first (Space-Saving: a count may
 *                        overestimate by at most the smallest count kept)
 * @param firstSeenMicros capture time of the first exchange
 * @param lastSeenMicros  capture time of the latest exchange
 */
public record ProbedPath(int schemaVersion, String id, String serviceKey, String session, String host, String method,
                         String pathTemplate, long calls, Map<String, Long> statusCodes, long distinctClients,
                         String clientSketch, List<ClientCount> topClients, long firstSeenMicros, long lastSeenMicros)
        implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    public ProbedPath {
        statusCodes = statusCodes == null ? Map.of() : Map.copyOf(statusCodes);
        topClients = topClients == null ? List.of() : List.copyOf(topClients);
    }

    /** This path without the mergeable sketch, for read models that only show the estimate. */
    public ProbedPath withoutSketch() {
        return new ProbedPath(schemaVersion, id, serviceKey, session, host, method, pathTemplate, calls, statusCodes,
                distinctClients, null, topClients, firstSeenMicros, lastSeenMicros);
    }

    /** One client address and the calls counted for it. */
    public record ClientCount(String client, long calls) {
    }
}
