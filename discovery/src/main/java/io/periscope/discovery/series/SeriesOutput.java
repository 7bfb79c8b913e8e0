package io.periscope.discovery.series;

import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;

/** Where the series engine publishes: in the stream task, the {@code periscope.series} sink. */
public interface SeriesOutput {
    /** A bucket's current counts: again while it is open, a last time when it closes. */
    void bucket(SeriesBucket bucket);

    /** A bucket that left the retention ring or whose endpoint was merged away: its record must be tombstoned. */
    void bucketRemoved(BucketKey key);
}
