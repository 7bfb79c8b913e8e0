package io.periscope.server.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * The server's one clock. Everything that decides an expiry, a TTL or a window, or writes a timestamp into a
 * record, takes this {@link InstantSource} instead of reading the system clock itself, so a test can replace the
 * bean with a {@link io.periscope.events.time.ManualClock} and move time instead of waiting for it.
 * Durations measured only for metrics and deadlines of blocking waits stay on {@link System#nanoTime()}.
 */
@Factory
public class ClockFactory {

    @Singleton
    public InstantSource clock() {
        return InstantSource.system();
    }
}
