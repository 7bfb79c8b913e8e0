package io.periscope.analytics.decay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HalfLifeTest {

    @Test
    void weightHalvesEveryHalfLife() {
        HalfLife halfLife = HalfLife.of(Duration.ofSeconds(30));
        assertThat(halfLife.factor(0)).isEqualTo(1.0);
        assertThat(halfLife.factor(30_000_000L)).isCloseTo(0.5, within(1e-12));
        assertThat(halfLife.factor(90_000_000L)).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void steadyStateCountConvertsBackToItsRate() {
        HalfLife halfLife = HalfLife.of(Duration.ofMinutes(1));
        double tenPerSecond = 10 * 60 / Math.log(2);
        assertThat(halfLife.ratePerSecond(tenPerSecond)).isCloseTo(10, within(1e-9));
    }

    @Test
    void nonPositiveHalfLifeIsRefused() {
        assertThatThrownBy(() -> HalfLife.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
