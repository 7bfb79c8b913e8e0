package io.periscope.analytics.state;

import java.time.Duration;

/**
 * How much per-key state may be kept.
 *
 * @param maxEntries keys kept at most; beyond it the entries least likely to be used again are evicted
 * @param idleTimeout a key neither read nor written for this long is evicted
 */
public record StateBounds(long maxEntries, Duration idleTimeout) {

    public StateBounds {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max entries must be at least 1, was " + maxEntries);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive, was " + idleTimeout);
        }
    }
}
