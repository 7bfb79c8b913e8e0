package io.periscope.sensitive;

import io.periscope.events.catalog.ParameterLocation;

/**
 * One detected sensitive value, already masked.
 *
 * @param type       detector type
 * @param location   where the field was
 * @param field      the field it was found in (parameter name or JSON path)
 * @param confidence 0..1
 * @param masked     the masked value
 */
public record SensitiveHit(String type, ParameterLocation location, String field, double confidence, String masked) {
}
