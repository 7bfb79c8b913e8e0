package io.periscope.server.incidents;

import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Severity;

/**
 * A filtered, sorted page of incidents. Null filters match everything.
 *
 * @param status     only incidents in this status
 * @param type       only incidents with this attack type
 * @param severity   only incidents of at least this severity
 * @param actor      only incidents of this actor: its id, one of its addresses, or one of its users
 * @param sinceMicros only incidents last seen at or after this time
 * @param endpointId only incidents that touched this catalog endpoint (resolved by {@link CatalogEndpoints})
 * @param sort       the order
 * @param descending largest first
 * @param offset     items skipped
 * @param limit      items returned at most
 */
public record IncidentQuery(IncidentStatus status, String type, Severity severity, String actor, Long sinceMicros,
                            String endpointId, Sort sort, boolean descending, int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    /** Sort keys; ties are broken by incident id so pages are stable. */
    public enum Sort { LAST_SEEN, FIRST_SEEN, SEVERITY, REQUESTS, CONFIDENCE }
}
