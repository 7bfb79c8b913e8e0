package io.periscope.discovery.view;

import io.periscope.events.catalog.FindingType;

/**
 * Endpoint list filters, sorting and paging. Null filters match everything.
 *
 * @param serviceKey      only this service
 * @param method          only this method (case-insensitive)
 * @param pathContains    template contains this text (case-insensitive)
 * @param sensitiveType   carries this sensitive data type
 * @param unauthenticated true: only endpoints called without credentials at least once; false: only never
 * @param findingType     has an open finding of this type
 * @param newSinceMicros  first seen at or after this time
 * @param sort            sort key
 * @param descending      sort order
 * @param offset          first item (0-based)
 * @param limit           page size, 1..{@link #MAX_LIMIT}
 */
public record EndpointQuery(String serviceKey, String method, String pathContains, String sensitiveType,
                            Boolean unauthenticated, FindingType findingType, Long newSinceMicros, Sort sort,
                            boolean descending, int offset, int limit) {
    public static final int MAX_LIMIT = 500;

    /**
     * Sort keys. {@code IMPORTANCE}: endpoints with sensitive data called without credentials, then with sensitive
     * data, then called without credentials, then the rest; most calls first within each (in descending order).
     */
    public enum Sort { PATH, CALLS, FIRST_SEEN, LAST_SEEN, FINDINGS, IMPORTANCE }

    public EndpointQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", was " + limit);
        }
        sort = sort == null ? Sort.PATH : sort;
    }

    public static EndpointQuery all() {
        return new EndpointQuery(null, null, null, null, null, null, null, Sort.PATH, false, 0, MAX_LIMIT);
    }
}
