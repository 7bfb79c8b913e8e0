package io.periscope.detection.signature;

import java.util.Objects;

/**
 * One place in a request that carries attacker-controlled input.
 *
 * @param kind what kind of place
 * @param name the parameter, header, cookie or field name; a JSON pointer for JSON; the index for a path segment
 */
public record InputLocation(LocationKind kind, String name) {
    public InputLocation {
        Objects.requireNonNull(kind, "kind");
        name = name == null ? "" : name;
    }
}
