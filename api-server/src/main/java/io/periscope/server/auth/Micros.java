package io.periscope.server.auth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Wall-clock time in microseconds since the epoch, the unit of every timestamp in Periscope's records. */
final class Micros {
    private Micros() {
    }

    static long now() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
