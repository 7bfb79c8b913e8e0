package io.periscope.analytics.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopKTest {

    /** Three heavy clients over a long tail of one-off clients, more than the map can hold. */
    private static TopK heavyOverTail() {
        TopK sketch = new TopK(3, 64);
        for (int i = 0; i < 20_000; i++) {
            sketch.add("tail-" + i);
            if (i % 4 == 0) {
                sketch.add("heavy-a");
            }
            if (i % 5 == 0) {
                sketch.add("heavy-b");
            }
            if (i % 10 == 0) {
                sketch.add("heavy-c");
            }
        }
        return sketch;
    }

    @Test
    void countsAreExactWhileTheMapHoldsEveryItem() {
        TopK sketch = new TopK(2, 16);
        sketch.add("a", 5);
        sketch.add("b", 3);
        sketch.add("c");
        assertThat(sketch.maximumError()).isZero();
        assertThat(sketch.top()).containsExactly(new TopK.Item("a", 5, 5, 5), new TopK.Item("b", 3, 3, 3));
        assertThat(sketch.count()).isEqualTo(9);
    }

    @Test
    void heavyHittersSurviveALongTailAndBoundsHoldTheTrueCount() {
        TopK sketch = heavyOverTail();
        List<TopK.Item> top = sketch.top();

        assertThat(top).extracting(TopK.Item::item).containsExactly("heavy-a", "heavy-b", "heavy-c");
        assertThat(top.get(0).lowerBound()).isLessThanOrEqualTo(5_000);
        assertThat(top.get(0).upperBound()).isGreaterThanOrEqualTo(5_000);
        assertThat(sketch.maximumError()).isLessThanOrEqualTo((long) (3.5 * sketch.count() / 64));
        assertThat(sketch.count()).isEqualTo(20_000 + 5_000 + 4_000 + 2_000);
    }

    @Test
    void roundTripThroughBytesKeepsTheRanking() {
        TopK original = heavyOverTail();
        TopK restored = TopK.fromBytes(3, original.toBytes());

        assertThat(restored.top()).isEqualTo(original.top());
        assertThat(restored.count()).isEqualTo(original.count());
        assertThat(restored.maximumError()).isEqualTo(original.maximumError());
    }

    @Test
    void mergeRanksTheSumOfBothStreams() {
        TopK monday = new TopK(1, 16);
        TopK tuesday = new TopK(1, 16);
        monday.add("x", 10);
        monday.add("y", 8);
        tuesday.add("y", 8);
        tuesday.add("x", 1);
        monday.merge(tuesday);

        assertThat(monday.top()).containsExactly(new TopK.Item("y", 16, 16, 16));
        assertThat(monday.estimate("x")).isEqualTo(11);
    }

    @Test
    void invalidShapesAndDamagedBytesAreRefused() {
        assertThatThrownBy(() -> new TopK(3, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopK(16, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopK(0, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TopK.fromBytes(3, new byte[] {4, 4, 4})).isInstanceOf(SketchFormatException.class);
    }
}
