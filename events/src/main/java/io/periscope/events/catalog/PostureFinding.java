package io.periscope.events.catalog;

import io.periscope.events.Versioned;

/**
 * A posture finding on an endpoint, published to {@code periscope.findings} keyed by {@link #id()}.
 *
 * @param schemaVersion    {@link #SCHEMA_VERSION}
 * @param id               stable id: hash of endpoint id, type and subject
 * @param type             the kind of finding
 * @param severity         {@code critical}, {@code high}, {@code medium} or {@code low}
 * @param serviceKey       the service
 * @param endpointId       the endpoint
 * @param method           the endpoint's method
 * @param pathTemplate     the endpoint's template
 * @param subject          what it is about ({@code RESPONSE_BODY $.email email}, {@code QUERY api_key}, ...)
 * @param evidence         masked evidence
 * @param remediation      a one-line remediation
 * @param count            how many exchanges showed it
 * @param firstSeenMicros  capture time of the first occurrence
 * @param lastSeenMicros   capture time of the latest occurrence
 */
public record PostureFinding(
        int schemaVersion,
        String id,
        FindingType type,
        String severity,
        String serviceKey,
        String endpointId,
        String method,
        String pathTemplate,
        String subject,
        String evidence,
        String remediation,
        long count,
        long firstSeenMicros,
        long lastSeenMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
}
