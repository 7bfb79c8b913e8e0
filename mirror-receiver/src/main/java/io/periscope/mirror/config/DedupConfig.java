package io.periscope.mirror.config;

import java.time.Duration;

/**
 * Suppression of packets mirrored twice (once by each end of a flow).
 *
 * @param enabled   key {@code dedup.enabled}
 * @param window    two copies further apart than this (capture time) are both kept (key {@code dedup.window})
 * @param tableSize fingerprints remembered per worker, a power of two (key {@code dedup.table-size})
 */
public record DedupConfig(boolean enabled, Duration window, int tableSize) {

    public DedupConfig {
        Checks.notNull("dedup.window", window);
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new ConfigException(Checks.PREFIX + "dedup.window", window, "must be more than 0 and at most 1s");
        }
        Checks.range("dedup.table-size", tableSize, 16, 1 << 24);
        if (Integer.bitCount(tableSize) != 1) {
            throw new ConfigException(Checks.PREFIX + "dedup.table-size", tableSize, "must be a power of two");
        }
    }

    public static DedupConfig defaults() {
        return new DedupConfig(true, Duration.ofMillis(10), 16384);
    }

    public long windowMicros() {
        return window.toNanos() / 1000;
    }
}
