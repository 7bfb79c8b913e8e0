package io.periscope.analytics.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyQuantilesTest {

    /** 99% of requests at about 2 ms, 1% at about 900 ms: a tail a rank-error sketch would blur. */
    private static LatencyQuantiles longTail() {
        LatencyQuantiles sketch = new LatencyQuantiles();
        for (int i = 0; i < 99_000; i++) {
            sketch.record(2_000 + i % 50);
        }
        for (int i = 0; i < 1_000; i++) {
            sketch.record(900_000 + i);
        }
        return sketch;
    }

    @Test
    void tailQuantilesAreWithinOnePercentOfTheValue() {
        LatencyQuantiles sketch = longTail();
        assertThat(sketch.count()).isEqualTo(100_000);
        assertThat(sketch.quantile(0.5)).isCloseTo(2_025, within(2_025 * 0.01 + 25));
        assertThat(sketch.quantile(0.995)).isCloseTo(900_500, within(900_500 * 0.01));
        assertThat(sketch.max()).isCloseTo(900_999L, within(9_010L));
    }

    @Test
    void outOfRangeValuesAreClampedAndStillCounted() {
        LatencyQuantiles sketch = new LatencyQuantiles();
        sketch.record(-5);
        sketch.record(Long.MAX_VALUE);
        assertThat(sketch.count()).isEqualTo(2);
        assertThat(sketch.quantile(0)).isZero();
        assertThat(sketch.quantile(1)).isCloseTo(LatencyQuantiles.MAX_MICROS, within(LatencyQuantiles.MAX_MICROS * 0.01));
    }

    @Test
    void memoryIsFixedAtConstruction() {
        LatencyQuantiles empty = new LatencyQuantiles();
        assertThat(longTail().footprintBytes()).isEqualTo(empty.footprintBytes());
        assertThat(empty.footprintBytes()).isLessThan(64 * 1024);
    }

    @Test
    void roundTripThroughBytesKeepsEveryQuantile() {
        LatencyQuantiles original = longTail();
        LatencyQuantiles restored = LatencyQuantiles.fromBytes(original.toBytes());

        assertThat(restored.count()).isEqualTo(original.count());
        for (double q : new double[] {0, 0.5, 0.9, 0.99, 0.999, 1}) {
            assertThat(restored.quantile(q)).isEqualTo(original.quantile(q));
        }
        assertThat(original.toBytes().length).isLessThan(1024);
    }

    @Test
    void mergeAddsCountsExactly() {
        LatencyQuantiles a = new LatencyQuantiles();
        LatencyQuantiles b = new LatencyQuantiles();
        a.record(1_000);
        b.record(1_000);
        b.record(50_000);
        a.merge(b);

        assertThat(a.count()).isEqualTo(3);
        assertThat(a.quantile(0.5)).isCloseTo(1_000, within(10.0));
        assertThat(a.max()).isCloseTo(50_000L, within(500L));
        assertThat(b.count()).isEqualTo(2);
    }

    @Test
    void emptyAndDamagedState() {
        assertThat(new LatencyQuantiles().quantile(0.5)).isNaN();
        assertThat(new LatencyQuantiles().max()).isEqualTo(-1);
        assertThat(LatencyQuantiles.fromBytes(new LatencyQuantiles().toBytes()).isEmpty()).isTrue();
        assertThatThrownBy(() -> LatencyQuantiles.fromBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(SketchFormatException.class);
        assertThatThrownBy(() -> LatencyQuantiles.fromBytes(new DistinctCount().toBytes()))
                .isInstanceOf(SketchFormatException.class);
    }
}
