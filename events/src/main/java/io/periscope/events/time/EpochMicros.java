package io.periscope.events.time;

import java.time.Instant;
import java.time.InstantSource;

/**
 * Microseconds since the epoch, the unit of every timestamp on Periscope's topics. Time itself is always an
 * injected {@link InstantSource} ({@link InstantSource#system()} in production, a {@link ManualClock} in tests),
 * so windows, TTLs and expiries can be tested without sleeping; this class only converts.
 */
public final class EpochMicros {
    private EpochMicros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static long now(InstantSource clock) {
        return of(clock.instant());
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
