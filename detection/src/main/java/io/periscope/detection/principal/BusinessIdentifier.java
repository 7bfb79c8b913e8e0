package io.periscope.detection.principal;

import java.util.Objects;

/**
 * A configured business identifier (tenant, account) taken from the request: the path segment that follows
 * {@code pathSegment} ({@code /tenants/{id}/...}), or the value of header {@code header}.
 *
 * @param name        the identifier's name in {@link io.periscope.events.detection.Principals#business()}
 * @param pathSegment the literal segment that precedes the value in the path, or null
 * @param header      the request header that carries the value, or null
 */
public record BusinessIdentifier(String name, String pathSegment, String header) {
    public BusinessIdentifier {
        Objects.requireNonNull(name, "name");
        if (pathSegment == null && header == null) {
            throw new IllegalArgumentException("business identifier " + name + " needs a path-segment or a header");
        }
    }
}
