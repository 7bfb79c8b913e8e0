package io.periscope.analytics.sketch;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The most frequent strings of a stream (heavy hitters: clients, paths, user agents), the
 * frequent-items sketch of Apache DataSketches (Misra-Gries with a bounded hash map).
 *
 * <p>Invariants: at most {@code mapSize} items are tracked, so memory is bounded whatever the number of
 * distinct items; every estimate is within {@link #maximumError()} of the true count and never below it
 * minus that error ({@code lowerBound <= true <= upperBound}); an item whose true count exceeds
 * {@link #maximumError()} is in {@link #top()} unless {@code k} items have higher estimates (no false
 * negatives); the error is at most about {@code 3.5 * count() / mapSize}; while fewer
 * distinct items than the map holds have been seen, every count is exact ({@code maximumError() == 0});
 * {@link #count()} is exact.
 */
public final class TopK implements MergeableSketch<TopK> {
    private static final ArrayOfStringsSerDe SERDE = new ArrayOfStringsSerDe();

    private final int k;
    private final ItemsSketch<String> sketch;

    /**
     * @param k how many items {@link #top()} returns at most
     * @param mapSize how many items are tracked: a power of two, at least {@code 2 * k}; larger is more
     *     accurate (the error bound is about {@code 3.5 * count / mapSize})
     */
    public TopK(int k, int mapSize) {
        this(k, newSketch(k, mapSize));
    }

    private TopK(int k, ItemsSketch<String> sketch) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
        this.k = k;
        this.sketch = sketch;
    }

    private static ItemsSketch<String> newSketch(int k, int mapSize) {
        if (Integer.bitCount(mapSize) != 1 || mapSize < 2 * k) {
            throw new IllegalArgumentException("map size must be a power of two of at least 2k, was " + mapSize + " for k=" + k);
        }
        return new ItemsSketch<>(mapSize);
    }

    public void add(String item) {
        sketch.update(item);
    }

    public void add(String item, long count) {
        sketch.update(item, count);
    }

    /** An estimated frequency, with the bounds the sketch guarantees. */
    public record Item(String item, long estimate, long lowerBound, long upperBound) { }

    /** Up to {@code k} items, most frequent first, each possibly heavy (no false negatives above the error). */
    public List<Item> top() {
        ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        List<Item> items = new ArrayList<>(Math.min(k, rows.length));
        for (int i = 0; i < rows.length && i < k; i++) {
            items.add(new Item(rows[i].getItem(), rows[i].getEstimate(), rows[i].getLowerBound(), rows[i].getUpperBound()));
        }
        return items;
    }

    /** The estimated count of one item; 0 for an item not tracked (its count is then at most {@link #maximumError()}). */
    public long estimate(String item) {
        return sketch.getEstimate(item);
    }

    /** How far any estimate may be from the true count. */
    public long maximumError() {
        return sketch.getMaximumError();
    }

    /** Total of all counts added. */
    public long count() {
        return sketch.getStreamLength();
    }

    public int k() {
        return k;
    }

    @Override
    public void merge(TopK other) {
        sketch.merge(other.sketch);
    }

    @Override
    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** The sketch's bytes; {@code k} is a reading parameter and is given again to {@link #fromBytes}. */
    @Override
    public byte[] toBytes() {
        return sketch.toByteArray(SERDE);
    }

    /** Reads {@link #toBytes()}. @throws SketchFormatException when the bytes are not a frequent-strings sketch */
    public static TopK fromBytes(int k, byte[] bytes) {
        ItemsSketch<String> sketch;
        try {
            sketch = ItemsSketch.getInstance(Memory.wrap(bytes), SERDE);
        } catch (RuntimeException e) {
            throw new SketchFormatException("frequent-items sketch", e);
        }
        return new TopK(k, sketch);
    }
}
