package io.periscope.server.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.periscope.events.time.ManualClock;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/**
 * With {@code test.manual-clock=true}, the server's clock (Micronaut's {@link InstantSource} bean, the system clock)
 * is replaced by a {@link ManualClock} starting at the real time: a test takes it with
 * {@code context.getBean(ManualClock.class)} and moves time past an expiry instead of waiting for it.
 */
@Factory
@Requires(property = ManualClockFactory.ENABLED, value = "true")
public class ManualClockFactory {
    public static final String ENABLED = "test.manual-clock";

    @Singleton
    @Replaces(InstantSource.class)
    public ManualClock manualClock() {
        return new ManualClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
