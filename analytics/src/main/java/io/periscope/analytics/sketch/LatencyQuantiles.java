package io.periscope.analytics.sketch;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Quantiles of durations in microseconds (server latency), HdrHistogram.
 *
 * <p>Invariants: the error is in value, not in rank: every recorded value is kept within 1% (two
 * significant digits) in its bucket, so p99 and p99.9 of a long-tailed latency stay exact to 1%, which a
 * rank-error sketch cannot promise in the tail; memory is fixed at construction (about 27 KiB in
 * memory; compressed, under 1 KiB serialized for typical traffic) and never grows with the count; values below
 * zero record as zero and values above {@link #MAX_MICROS} as {@code MAX_MICROS} (counted in
 * {@link #count()}); {@link #count()} is exact; merging adds counts bucket by bucket, exactly.
 */
public final class LatencyQuantiles implements MergeableSketch<LatencyQuantiles>, Quantiles {
    /** One hour: a longer "latency" is a stuck connection, which detection sees by other means. */
    public static final long MAX_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final Histogram histogram;

    public LatencyQuantiles() {
        this(new Histogram(MAX_MICROS, SIGNIFICANT_DIGITS));
    }

    private LatencyQuantiles(Histogram histogram) {
        this.histogram = histogram;
    }

    public void record(long micros) {
        histogram.recordValue(Math.min(Math.max(0, micros), MAX_MICROS));
    }

    @Override
    public long count() {
        return histogram.getTotalCount();
    }

    @Override
    public double quantile(double fraction) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(fraction * 100.0);
    }

    /** The largest recorded value (to the histogram's precision), or -1 when nothing was recorded. */
    public long max() {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getMaxValue();
    }

    /** Bytes this sketch holds in memory: fixed at construction. */
    public int footprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
    }

    @Override
    public void merge(LatencyQuantiles other) {
        histogram.add(other.histogram);
    }

    @Override
    public boolean isEmpty() {
        return histogram.getTotalCount() == 0;
    }

    @Override
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Arrays.copyOf(buffer.array(), length);
    }

    /** Reads {@link #toBytes()}. @throws SketchFormatException when the bytes are not a compressed histogram */
    public static LatencyQuantiles fromBytes(byte[] bytes) {
        try {
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), MAX_MICROS);
            if (decoded.getHighestTrackableValue() < MAX_MICROS
                    || decoded.getNumberOfSignificantValueDigits() != SIGNIFICANT_DIGITS) {
                throw new IllegalArgumentException("histogram of another shape: highest "
                        + decoded.getHighestTrackableValue() + ", digits " + decoded.getNumberOfSignificantValueDigits());
            }
            return new LatencyQuantiles(decoded);
        } catch (DataFormatException e) {
            throw new SketchFormatException("compressed HdrHistogram", new IllegalArgumentException(e.getMessage(), e));
        } catch (RuntimeException e) {
            // BufferUnderflowException, IllegalArgumentException and friends: damaged or foreign bytes.
            throw new SketchFormatException("compressed HdrHistogram", e);
        }
    }
}
