package io.periscope.detection.signature.locate;

import io.periscope.detection.signature.InputLocation;
import java.util.Objects;

/** One attacker-controlled value of a request and where it was found; {@code value} is as captured, not decoded. */
public record LocatedValue(InputLocation location, String value) {
    public LocatedValue {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(value, "value");
    }
}
