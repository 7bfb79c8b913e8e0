package io.periscope.detection.behaviour;

import java.time.Duration;
import java.util.List;

/**
 * Impossible travel and session hijack between networks ({@code periscope.detection.behaviour.travel.*};
 * docs/detection.md). There is no GeoIP database: only configured {@link NetworkLocation}s have a place; other
 * addresses are known by their network ({@code /16} IPv4, {@code /48} IPv6).
 *
 * @param locations      configured networks with their coordinates; empty: travel is judged by network changes only
 * @param maxSpeedKmh    a credential moving faster than this between two located networks is impossible travel
 * @param minDistanceKm  shorter moves are never impossible travel (coordinates of a site are approximate)
 * @param hijackWindow   network changes of one credential are counted over this much event time
 * @param hijackChanges  network changes within {@link #hijackWindow} that mean two places at once
 */
public record TravelSettings(List<NetworkLocation> locations, double maxSpeedKmh, double minDistanceKm,
                             Duration hijackWindow, int hijackChanges) {

    public TravelSettings {
        locations = locations == null ? List.of() : List.copyOf(locations);
        if (maxSpeedKmh <= 0 || minDistanceKm < 0 || hijackChanges < 2) {
            throw new IllegalArgumentException("travel thresholds out of range (hijack changes at least 2)");
        }
        if (hijackWindow == null || hijackWindow.isNegative() || hijackWindow.isZero()) {
            throw new IllegalArgumentException("hijack window must be positive");
        }
    }

    public static TravelSettings defaults() {
        return new TravelSettings(List.of(), 900, 500, Duration.ofMinutes(5), 3);
    }

    public long hijackWindowMicros() {
        return hijackWindow.toNanos() / 1000;
    }
}
