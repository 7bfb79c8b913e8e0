package io.periscope.detection.behaviour;

import java.time.Duration;

/**
 * Object ownership and BOLA on foreign objects ({@code periscope.detection.behaviour.ownership.*}; docs/detection.md).
 *
 * @param foreignObjects  floor of the threshold: distinct objects of other owners one actor accessed (2xx) under one
 *                        template in one window; the threshold is the larger of this and peer-factor × the peers' p99
 * @param ownerMinReads   successful accesses by one principal before it is taken as an object's owner (an id equal to
 *                        the principal's user makes it the owner at once)
 * @param sharedAccessors distinct authenticated principals that make an object shared (products, public documents):
 *                        nobody owns it any more
 * @param maxObjects      objects remembered per stream task; new objects beyond it are not learned (counted)
 * @param objectIdle      event time after which an object nobody accessed is forgotten
 */
public record OwnershipSettings(int foreignObjects, int ownerMinReads, int sharedAccessors, int maxObjects,
                                Duration objectIdle) {

    public OwnershipSettings {
        if (foreignObjects < 1 || ownerMinReads < 1 || sharedAccessors < 2 || maxObjects < 1) {
            throw new IllegalArgumentException("ownership thresholds must be positive (shared-accessors at least 2)");
        }
        if (objectIdle == null || objectIdle.isNegative() || objectIdle.isZero()) {
            throw new IllegalArgumentException("object idle time must be positive");
        }
    }

    public static OwnershipSettings defaults() {
        return new OwnershipSettings(10, 2, 3, 1_000_000, Duration.ofDays(30));
    }

    public long objectIdleMicros() {
        return objectIdle.toNanos() / 1000;
    }
}
