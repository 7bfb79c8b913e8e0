package io.periscope.events.catalog;

import io.periscope.events.Versioned;

/**
 * One catalog change, published to {@code periscope.changes} keyed by service key.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            unique id of the change
 * @param type          the kind of change
 * @param serviceKey    the service
 * @param endpointId    the endpoint, or null for service-level changes
 * @param method        the endpoint's method, or null
 * @param pathTemplate  the endpoint's template, or null
 * @param subject       what changed: the parameter ({@code QUERY page}), the sensitive type and place, the auth scheme...
 * @param before        the state before, masked; null when there was none
 * @param after         the state after, masked
 * @param atMicros      capture time of the exchange that caused it (wall clock for staleness)
 */
public record CatalogChange(
        int schemaVersion,
        String id,
        ChangeType type,
        String serviceKey,
        String endpointId,
        String method,
        String pathTemplate,
        String subject,
        String before,
        String after,
        long atMicros) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
}
