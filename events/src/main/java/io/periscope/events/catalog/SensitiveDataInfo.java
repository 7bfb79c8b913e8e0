package io.periscope.events.catalog;

/**
 * Sensitive data of one type observed at one place of an endpoint.
 *
 * @param type          the detector's type name ({@code email}, {@code payment_card}, ...)
 * @param location      where it was observed
 * @param name          the parameter name or body JSON path
 * @param count         how many values were detected
 * @param confidence    the highest confidence seen, 0..1
 * @param maskedExample one masked example, never a raw value
 */
public record SensitiveDataInfo(String type, ParameterLocation location, String name, long count, double confidence,
                                String maskedExample) {
}
