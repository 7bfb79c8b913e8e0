package io.periscope.analytics.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValueQuantilesTest {

    /** Values 1..n in a scrambled order, so the true q-quantile is q * n. */
    private static ValueQuantiles uniform(int n) {
        ValueQuantiles sketch = new ValueQuantiles();
        for (int i = 0; i < n; i++) {
            sketch.add(1 + (int) ((i * 7919L) % n));
        }
        return sketch;
    }

    @Test
    void quantilesAreWithinTheRankError() {
        int n = 100_000;
        ValueQuantiles sketch = uniform(n);
        double tolerance = sketch.rankError() * n;

        assertThat(sketch.count()).isEqualTo(n);
        assertThat(sketch.quantile(0.5)).isCloseTo(0.5 * n, within(tolerance));
        assertThat(sketch.quantile(0.99)).isCloseTo(0.99 * n, within(tolerance));
        assertThat(sketch.quantile(0.0)).isEqualTo(1);
        assertThat(sketch.quantile(1.0)).isEqualTo(n);
    }

    @Test
    void emptySketchHasNoQuantile() {
        assertThat(new ValueQuantiles().quantile(0.5)).isNaN();
        assertThat(new ValueQuantiles().isEmpty()).isTrue();
    }

    @Test
    void memoryGrowsFarSlowerThanTheCount() {
        int small = uniform(10_000).toBytes().length;
        int large = uniform(1_000_000).toBytes().length;
        assertThat(large).isLessThan(2 * small).isLessThan(8 * 1024);
    }

    @Test
    void roundTripThroughBytesKeepsCountAndQuantiles() {
        ValueQuantiles original = uniform(20_000);
        ValueQuantiles restored = ValueQuantiles.fromBytes(original.toBytes());

        assertThat(restored.count()).isEqualTo(original.count());
        for (double q : new double[] {0, 0.1, 0.5, 0.9, 0.99, 1}) {
            assertThat(restored.quantile(q)).isEqualTo(original.quantile(q));
        }
        restored.add(1e9);
        assertThat(restored.quantile(1.0)).isEqualTo(1e9);
    }

    @Test
    void mergeCountsBothStreamsAndKeepsTheirExtremes() {
        ValueQuantiles low = new ValueQuantiles();
        ValueQuantiles high = new ValueQuantiles();
        for (int i = 0; i < 10_000; i++) {
            low.add(i);
            high.add(10_000 + i);
        }
        low.merge(high);

        assertThat(low.count()).isEqualTo(20_000);
        assertThat(low.quantile(0)).isEqualTo(0);
        assertThat(low.quantile(1)).isEqualTo(19_999);
        assertThat(low.quantile(0.5)).isCloseTo(10_000, within(low.rankError() * 20_000));
        assertThat(high.count()).isEqualTo(10_000);
    }

    @Test
    void damagedBytesAreRefused() {
        assertThatThrownBy(() -> ValueQuantiles.fromBytes(new byte[] {9, 9})).isInstanceOf(SketchFormatException.class);
        assertThatThrownBy(() -> ValueQuantiles.fromBytes(new DistinctCount().toBytes())).isInstanceOf(SketchFormatException.class);
    }
}
