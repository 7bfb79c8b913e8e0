package io.periscope.mirror.udp;

/**
 * Wall-clock microseconds without allocating: the epoch is read once, then advanced with
 * {@link System#nanoTime()}, which is monotonic and finer than {@code currentTimeMillis}.
 */
final class MicrosClock {
    private final long baseEpochMicros = System.currentTimeMillis() * 1000;
    private final long baseNanos = System.nanoTime();

    long nowMicros() {
        return baseEpochMicros + (System.nanoTime() - baseNanos) / 1000;
    }
}
