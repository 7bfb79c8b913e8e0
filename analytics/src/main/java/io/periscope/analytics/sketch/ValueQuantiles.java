package io.periscope.analytics.sketch;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quantiles of arbitrary numbers (body sizes, parameter counts, per-window request counts), the KLL
 * sketch from Apache DataSketches.
 *
 * <p>Invariants: the error is in rank, not in value: {@code quantile(q)} returns a value whose true
 * rank is within {@link #rankError()} of {@code q} (about 1.3% at the default {@code k = 200}, with
 * 99% confidence), whatever the distribution; memory grows only with the logarithm of the count;
 * {@link #count()} is exact; minimum and maximum are exact ({@code quantile(0)} and {@code quantile(1)});
 * merging is as if one sketch had seen both streams (within the same error).
 */
public final class ValueQuantiles implements MergeableSketch<ValueQuantiles>, Quantiles {
    /** The library's default: 1.33% normalized rank error, a few KiB once the stream is long. */
    public static final int DEFAULT_K = 200;

    private final KllDoublesSketch sketch;

    public ValueQuantiles() {
        this(DEFAULT_K);
    }

    /** @param k accuracy parameter, 8..65535: rank error falls as about {@code 1.65 / k} */
    public ValueQuantiles(int k) {
        this(KllDoublesSketch.newHeapInstance(k));
    }

    private ValueQuantiles(KllDoublesSketch sketch) {
        this.sketch = sketch;
    }

    /** Records a value; {@code NaN} is ignored, as the library does. */
    public void add(double value) {
        sketch.update(value);
    }

    @Override
    public long count() {
        return sketch.getN();
    }

    @Override
    public double quantile(double fraction) {
        if (sketch.isEmpty()) {
            return Double.NaN;
        }
        return sketch.getQuantile(fraction, QuantileSearchCriteria.INCLUSIVE);
    }

    /** The normalized rank error of {@link #quantile(double)} at 99% confidence. */
    public double rankError() {
        return sketch.getNormalizedRankError(false);
    }

    @Override
    public void merge(ValueQuantiles other) {
        sketch.merge(other.sketch);
    }

    @Override
    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    @Override
    public byte[] toBytes() {
        return sketch.toByteArray();
    }

    /** Reads {@link #toBytes()}. @throws SketchFormatException when the bytes are not a KLL doubles sketch */
    public static ValueQuantiles fromBytes(byte[] bytes) {
        try {
            return new ValueQuantiles(KllDoublesSketch.heapify(Memory.wrap(bytes)));
        } catch (RuntimeException e) {
            throw new SketchFormatException("KLL doubles sketch", e);
        }
    }
}
