package io.periscope.discovery.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/** Server latency in microseconds, HdrHistogram with 2 significant digits up to one hour; values above are clamped. */
public final class LatencyHistogram {
    static final long MAX_MICROS = 3_600_000_000L;
    private final Histogram histogram;

    public LatencyHistogram() {
        this(new Histogram(MAX_MICROS, 2));
    }

    private LatencyHistogram(Histogram histogram) {
        this.histogram = histogram;
    }

    public void record(long micros) {
        histogram.recordValue(Math.min(Math.max(0, micros), MAX_MICROS));
    }

    /** The value at a percentile, or -1 when nothing was recorded. */
    public long percentile(double p) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(p);
    }

    public long max() {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getMaxValue();
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public void merge(LatencyHistogram other) {
        histogram.add(other.histogram);
    }

    public String encode() {
        ByteBuffer buf = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int len = histogram.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
    }

    /** Decodes {@link #encode()}; a missing or damaged histogram starts empty. */
    public static LatencyHistogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return new LatencyHistogram();
        }
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), MAX_MICROS);
            return new LatencyHistogram(h);
        } catch (DataFormatException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            return new LatencyHistogram();
        }
    }
}
