package io.periscope.analytics.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecayedCounterTest {
    private static final long SECOND = 1_000_000L;
    private static final HalfLife TEN_SECONDS = HalfLife.of(Duration.ofSeconds(10));

    @Test
    void countHalvesAfterOneHalfLifeWithoutEvents() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        counter.add(0, 8);
        assertThat(counter.valueAt(0)).isEqualTo(8);
        assertThat(counter.valueAt(10 * SECOND)).isCloseTo(4, within(1e-9));
        assertThat(counter.valueAt(30 * SECOND)).isCloseTo(1, within(1e-9));
    }

    @Test
    void constantRateConvergesToTheRateItStandsFor() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        long t = 0;
        for (int i = 0; i < 5_000; i++) {
            t += SECOND / 20;
            counter.increment(t);
        }
        assertThat(counter.ratePerSecondAt(t)).isCloseTo(20, within(0.5));
    }

    @Test
    void outOfOrderEventCountsDecayedByItsAgeAndLeavesTheTime() {
        DecayedCounter inOrder = new DecayedCounter(TEN_SECONDS);
        inOrder.increment(0);
        inOrder.increment(10 * SECOND);

        DecayedCounter reordered = new DecayedCounter(TEN_SECONDS);
        reordered.increment(10 * SECOND);
        reordered.increment(0);

        assertThat(reordered.valueAt(10 * SECOND)).isCloseTo(inOrder.valueAt(10 * SECOND), within(1e-12)).isCloseTo(1.5, within(1e-12));
        assertThat(reordered.atMicros()).isEqualTo(10 * SECOND);
    }

    @Test
    void readingAtAnEarlierTimeGivesTheValueAtTheCounterTime() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        counter.add(50 * SECOND, 3);
        assertThat(counter.valueAt(0)).isEqualTo(3);
    }

    @Test
    void emptyCounterIsZeroAtAnyTime() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        assertThat(counter.valueAt(123)).isZero();
        assertThat(counter.atMicros()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void roundTripThroughBytesKeepsValueAndTime() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        counter.add(7 * SECOND, 2.5);
        counter.add(9 * SECOND, 1);
        byte[] bytes = counter.toBytes();

        DecayedCounter restored = DecayedCounter.fromBytes(TEN_SECONDS, bytes);

        assertThat(bytes).hasSize(DecayedCounter.SERIALIZED_BYTES);
        assertThat(restored.atMicros()).isEqualTo(9 * SECOND);
        assertThat(restored.valueAt(20 * SECOND)).isEqualTo(counter.valueAt(20 * SECOND));
    }

    @Test
    void negativeAmountsAndDamagedBytesAreRefused() {
        DecayedCounter counter = new DecayedCounter(TEN_SECONDS);
        assertThatThrownBy(() -> counter.add(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> counter.add(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecayedCounter.fromBytes(TEN_SECONDS, new byte[3])).isInstanceOf(IllegalArgumentException.class);
        byte[] negative = java.nio.ByteBuffer.allocate(16).putDouble(-1).putLong(0).array();
        assertThatThrownBy(() -> DecayedCounter.fromBytes(TEN_SECONDS, negative)).isInstanceOf(IllegalArgumentException.class);
    }
}
