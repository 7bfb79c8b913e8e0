package io.periscope.events.time;

import java.time.Instant;
import java.time.InstantSource;

/**
 * The wall clock read once and then advanced by {@link System#nanoTime()}: finer than
 * {@code currentTimeMillis} on every platform and never going backwards, which packet timestamps need
 * (a receive time that jumped back would reorder a connection's segments). It drifts from the wall
 * clock only as much as the monotonic clock does over the process's life.
 */
public final class PreciseClock implements InstantSource {
    private final long baseEpochMicros = EpochMicros.now(InstantSource.system());
    private final long baseNanos = System.nanoTime();

    /** Microseconds since the epoch without allocating: the packet path calls this per datagram. */
    public long micros() {
        return baseEpochMicros + (System.nanoTime() - baseNanos) / 1_000;
    }

    @Override
    public Instant instant() {
        return EpochMicros.toInstant(micros());
    }
}
