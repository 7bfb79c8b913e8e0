package io.periscope.detection.incident;

import java.time.Duration;

/**
 * How signals become incidents ({@code periscope.detection.incidents.*}).
 *
 * @param quietPeriod     event time without a signal after which an open incident is resolved
 * @param reopenWindow    a resolved incident whose actor signals again within this time is reopened; later, a new one opens
 * @param updateInterval  least event time between two UPDATED versions (OPENED, ESCALATED, RESOLVED are published at once)
 * @param blockConfidence least confidence of a BLOCK verdict (with severity HIGH or more and an enforceable principal)
 */
public record IncidentSettings(Duration quietPeriod, Duration reopenWindow, Duration updateInterval, double blockConfidence) {

    public IncidentSettings {
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive");
        }
    }

    public static IncidentSettings defaults() {
        return new IncidentSettings(Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofSeconds(30), 0.85);
    }

    long quietMicros() {
        return quietPeriod.toNanos() / 1000;
    }

    long reopenMicros() {
        return reopenWindow.toNanos() / 1000;
    }

    long updateMicros() {
        return updateInterval.toNanos() / 1000;
    }
}
