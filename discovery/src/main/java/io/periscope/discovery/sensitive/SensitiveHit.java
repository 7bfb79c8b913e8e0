package io.periscope.discovery.sensitive;

/**
 * One detected sensitive value, already masked.
 *
 * @param type       detector type
 * @param field      the field it was found in (parameter name or JSON path)
 * @param confidence 0..1
 * @param masked     the masked value
 */
public record SensitiveHit(String type, String field, double confidence, String masked) {
}
