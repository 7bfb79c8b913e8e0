package io.periscope.events.http;

/**
 * One query parameter, percent-decoded, in the order it appeared. Repeated names stay separate
 * entries. {@code value} is null for a bare name without {@code =}.
 */
public record QueryParam(String name, String value) {
}
