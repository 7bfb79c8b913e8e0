package io.periscope.events.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class EpochMicrosTest {
    @Test
    void convertsBothWaysWithoutLosingMicroseconds() {
        Instant t = Instant.parse("2026-12-02T06:30:00.123456Z");
        assertThat(EpochMicros.of(t)).isEqualTo(1_796_193_000_123_456L);
        assertThat(EpochMicros.toInstant(1_796_193_000_123_456L)).isEqualTo(t);
        assertThat(EpochMicros.toInstant(-1)).isEqualTo(Instant.EPOCH.minusNanos(1_000));
    }

    @Test
    void aManualClockMovesOnlyWhenAdvanced() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-02T00:00:00Z"));
        long before = EpochMicros.now(clock);
        assertThat(EpochMicros.now(clock)).isEqualTo(before);
        clock.advance(Duration.ofMillis(1500));
        assertThat(EpochMicros.now(clock)).isEqualTo(before + 1_500_000);
    }

    @Test
    void thePreciseClockNeverGoesBackAndStaysNearTheWallClock() {
        PreciseClock clock = new PreciseClock();
        long previous = clock.micros();
        for (int i = 0; i < 10_000; i++) {
            long now = clock.micros();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
        assertThat(Math.abs(EpochMicros.now(clock) - EpochMicros.now(InstantSource.system()))).isLessThan(1_000_000);
    }
}
