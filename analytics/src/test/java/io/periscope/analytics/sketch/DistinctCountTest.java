package io.periscope.analytics.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistinctCountTest {

    private static DistinctCount of(int from, int to) {
        DistinctCount sketch = new DistinctCount();
        for (int i = from; i < to; i++) {
            sketch.add("10.0." + (i >> 8) + "." + (i & 0xff) + "#" + i);
        }
        return sketch;
    }

    @Test
    void smallCardinalitiesAreExactAndRepeatsDoNotCount() {
        DistinctCount sketch = of(0, 100);
        for (int repeat = 0; repeat < 5; repeat++) {
            sketch.add("10.0.0.1#1");
        }
        assertThat(sketch.estimate()).isEqualTo(100);
    }

    @Test
    void largeCardinalityIsWithinThreeStandardErrors() {
        DistinctCount sketch = of(0, 200_000);
        double threeSigma = 3 * 1.04 / Math.sqrt(1 << DistinctCount.DEFAULT_LG_K);
        assertThat((double) sketch.estimate()).isCloseTo(200_000, within(200_000 * threeSigma));
        assertThat(sketch.lowerBound(3)).isLessThanOrEqualTo(sketch.estimate());
        assertThat(sketch.upperBound(3)).isGreaterThanOrEqualTo(sketch.estimate());
    }

    @Test
    void serializedSizeIsBoundedWhateverTheCardinality() {
        int max = DistinctCount.maxBytes(DistinctCount.DEFAULT_LG_K);
        assertThat(of(0, 1_000_000).toBytes().length).isLessThanOrEqualTo(max);
        assertThat(max).isLessThan(5 * 1024);
    }

    @Test
    void roundTripThroughBytesKeepsTheEstimateAndKeepsCounting() {
        DistinctCount original = of(0, 50_000);
        DistinctCount restored = DistinctCount.fromBytes(original.toBytes());

        assertThat(restored.estimate()).isEqualTo(original.estimate());
        assertThat(restored.lgK()).isEqualTo(original.lgK());
        restored.add("a value never seen");
        original.add("a value never seen");
        assertThat(restored.estimate()).isEqualTo(original.estimate());
    }

    @Test
    void mergeCountsTheUnionOfBothStreamsOnce() {
        DistinctCount left = of(0, 30_000);
        DistinctCount right = of(20_000, 60_000);
        left.merge(right);

        double threeSigma = 3 * 1.04 / Math.sqrt(1 << DistinctCount.DEFAULT_LG_K);
        assertThat((double) left.estimate()).isCloseTo(60_000, within(60_000 * threeSigma));
        assertThat(right.estimate()).isEqualTo(of(20_000, 60_000).estimate());
    }

    @Test
    void mergeOfDifferentPrecisionsKeepsTheCoarser() {
        DistinctCount fine = new DistinctCount(14);
        DistinctCount coarse = new DistinctCount(10);
        fine.add("a");
        coarse.add("b");
        fine.merge(coarse);
        assertThat(fine.lgK()).isEqualTo(10);
        assertThat(fine.estimate()).isEqualTo(2);
    }

    @Test
    void damagedBytesAreRefusedWithTheSketchKind() {
        assertThatThrownBy(() -> DistinctCount.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(SketchFormatException.class).hasMessageContaining("HLL");
        assertThatThrownBy(() -> DistinctCount.fromBytes(new ValueQuantiles().toBytes()))
                .isInstanceOf(SketchFormatException.class);
    }

    @Test
    void emptyUntilSomethingIsAdded() {
        DistinctCount sketch = new DistinctCount();
        assertThat(sketch.isEmpty()).isTrue();
        assertThat(sketch.estimate()).isZero();
        sketch.add(42L);
        assertThat(sketch.isEmpty()).isFalse();
        assertThat(DistinctCount.fromBytes(new DistinctCount().toBytes()).isEmpty()).isTrue();
    }
}
