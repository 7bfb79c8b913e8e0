package io.periscope.analytics.sketch;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Approximate number of distinct values (clients, paths, tokens), HyperLogLog from Apache DataSketches.
 *
 * <p>Invariants: memory and serialized size never exceed {@link #maxBytes(int)} for the configured
 * {@code lgK}, however many values are added; the relative standard error is about
 * {@code 1.04 / sqrt(2^lgK)} (1.6% at the default {@code lgK = 12}); small cardinalities are exact
 * or nearly so because the sketch starts in list mode; adding a value twice changes nothing; a merged
 * sketch holds the same registers as one that saw both streams (its estimate, computed by another
 * estimator, agrees within the error, not to the unit), and a merge of sketches with different
 * {@code lgK} keeps the smaller.
 */
public final class DistinctCount implements MergeableSketch<DistinctCount> {
    /** 2^12 registers: 4 KiB at most, 1.6% standard error: enough to rank clients and spot bursts of new ones. */
    public static final int DEFAULT_LG_K = 12;
    // HLL_8 trades a little space against HLL_4 for the cheapest update, the one on the per-event path.
    private static final TgtHllType TYPE = TgtHllType.HLL_8;

    private HllSketch sketch;

    public DistinctCount() {
        this(DEFAULT_LG_K);
    }

    /** @param lgK log2 of the number of registers, 4..21 */
    public DistinctCount(int lgK) {
        this(new HllSketch(lgK, TYPE));
    }

    private DistinctCount(HllSketch sketch) {
        this.sketch = sketch;
    }

    public void add(String value) {
        sketch.update(value);
    }

    public void add(long value) {
        sketch.update(value);
    }

    /** The estimated number of distinct values added, rounded. */
    public long estimate() {
        return Math.round(sketch.getEstimate());
    }

    /** Upper bound of the estimate at {@code standardDeviations} (1, 2 or 3) of confidence. */
    public long upperBound(int standardDeviations) {
        return (long) Math.ceil(sketch.getUpperBound(standardDeviations));
    }

    /** Lower bound of the estimate at {@code standardDeviations} (1, 2 or 3) of confidence. */
    public long lowerBound(int standardDeviations) {
        return (long) Math.floor(sketch.getLowerBound(standardDeviations));
    }

    public int lgK() {
        return sketch.getLgConfigK();
    }

    @Override
    public void merge(DistinctCount other) {
        Union union = new Union(Math.min(lgK(), other.lgK()));
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TYPE);
    }

    @Override
    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    @Override
    public byte[] toBytes() {
        return sketch.toCompactByteArray();
    }

    /** Reads {@link #toBytes()}. @throws SketchFormatException when the bytes are not an HLL sketch */
    public static DistinctCount fromBytes(byte[] bytes) {
        try {
            return new DistinctCount(HllSketch.heapify(bytes));
        } catch (RuntimeException e) {
            // DataSketches reports bad input with several unchecked exception types; untrusted bytes map to one.
            throw new SketchFormatException("HLL sketch", e);
        }
    }

    /** The most bytes a sketch of this {@code lgK} occupies serialized, whatever it has seen. */
    public static int maxBytes(int lgK) {
        return HllSketch.getMaxUpdatableSerializationBytes(lgK, TYPE);
    }
}
