package io.periscope.events.catalog;

/** Where a parameter or a sensitive value was observed. */
public enum ParameterLocation {
    PATH, QUERY, REQUEST_HEADER, COOKIE, REQUEST_BODY, RESPONSE_HEADER, RESPONSE_BODY;

    /** True for locations in the response. */
    public boolean inResponse() {
        return this == RESPONSE_HEADER || this == RESPONSE_BODY;
    }
}
