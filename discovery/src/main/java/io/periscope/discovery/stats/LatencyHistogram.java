package io.periscope.discovery.stats;

import io.periscope.analytics.sketch.LatencyQuantiles;
import java.util.Base64;

/**
 * Server latency of an endpoint in microseconds, as the catalog snapshot carries it: the shared
 * {@link LatencyQuantiles} (HdrHistogram, 2 significant digits, up to one hour, values above clamped)
 * with the snapshot's text encoding, Base64 of the compressed histogram. The bytes are those discovery
 * has always published, so snapshots written before and after read the same.
 */
public final class LatencyHistogram {
    private final LatencyQuantiles quantiles;

    public LatencyHistogram() {
        this(new LatencyQuantiles());
    }

    private LatencyHistogram(LatencyQuantiles quantiles) {
        this.quantiles = quantiles;
    }

    public void record(long micros) {
        quantiles.record(micros);
    }

    /** The value at a percentile ({@code 0..100}), or -1 when nothing was recorded. */
    public long percentile(double p) {
        return quantiles.isEmpty() ? -1 : (long) quantiles.quantile(p / 100.0);
    }

    public long max() {
        return quantiles.max();
    }

    public long count() {
        return quantiles.count();
    }

    public void merge(LatencyHistogram other) {
        quantiles.merge(other.quantiles);
    }

    public String encode() {
        return Base64.getEncoder().encodeToString(quantiles.toBytes());
    }

    /** Decodes {@link #encode()}; a missing or damaged histogram starts empty. */
    public static LatencyHistogram decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return new LatencyHistogram();
        }
        try {
            return new LatencyHistogram(LatencyQuantiles.fromBytes(Base64.getDecoder().decode(encoded)));
        } catch (IllegalArgumentException e) {
            // Not Base64 (the decoder's exception) or not a histogram (SketchFormatException).
            return new LatencyHistogram();
        }
    }
}
