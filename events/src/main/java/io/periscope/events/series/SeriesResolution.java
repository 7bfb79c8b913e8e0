package io.periscope.events.series;

import java.time.Duration;

/**
 * The bucket sizes of the time series and how many buckets of each are kept: a bounded ring per series, so
 * that a series never holds more than {@link #retainedBuckets()} buckets whatever the traffic.
 */
public enum SeriesResolution {
    /** One-minute buckets for 24 hours: the last day at the grain of an incident. */
    MINUTE(Duration.ofMinutes(1), 1440),
    /** One-hour buckets for 30 days: the trend of a month. */
    HOUR(Duration.ofHours(1), 720);

    private final Duration bucket;
    private final int retainedBuckets;

    SeriesResolution(Duration bucket, int retainedBuckets) {
        this.bucket = bucket;
        this.retainedBuckets = retainedBuckets;
    }

    public Duration bucket() {
        return bucket;
    }

    public long bucketMicros() {
        return bucket.toSeconds() * 1_000_000L;
    }

    /** Buckets kept: the oldest kept bucket starts at most this many buckets before the newest. */
    public int retainedBuckets() {
        return retainedBuckets;
    }

    /** How far back, in event time, buckets are kept. */
    public long retentionMicros() {
        return bucketMicros() * retainedBuckets;
    }

    /** The start of the bucket that holds {@code eventMicros} (buckets are epoch-aligned). */
    public long startOf(long eventMicros) {
        return Math.floorDiv(eventMicros, bucketMicros()) * bucketMicros();
    }
}
