package io.periscope.discovery.view;

/**
 * The probed paths of one service, sorted and paged.
 *
 * @param serviceKey the service (required: probed paths are always read per service)
 * @param sort       sort key
 * @param descending sort order
 * @param offset     first item (0-based)
 * @param limit      page size, 1..{@link EndpointQuery#MAX_LIMIT}
 */
public record ProbedPathQuery(String serviceKey, Sort sort, boolean descending, int offset, int limit) {
    public enum Sort { CALLS, CLIENTS, PATH, FIRST_SEEN, LAST_SEEN }

    public ProbedPathQuery {
        if (serviceKey == null) {
            throw new IllegalArgumentException("a service is required");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > EndpointQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + EndpointQuery.MAX_LIMIT + ", was " + limit);
        }
        sort = sort == null ? Sort.CALLS : sort;
    }
}
