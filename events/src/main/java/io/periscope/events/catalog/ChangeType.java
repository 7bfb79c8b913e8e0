package io.periscope.events.catalog;

/** Kinds of catalog change. */
public enum ChangeType {
    NEW_SERVICE,
    NEW_ENDPOINT,
    /** Sibling endpoints were merged into one template (learned or forced by a rule). */
    ENDPOINTS_MERGED,
    NEW_PARAMETER,
    NEW_SENSITIVE_DATA,
    /** A new credential scheme was observed, or an endpoint that always saw credentials was called without. */
    AUTH_CHANGED,
    ENDPOINT_STALE,
    /** A stale endpoint was seen again. */
    ENDPOINT_REVIVED
}
