package io.periscope.discovery.series;

import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what the engine publishes the way the compacted topic would: the latest bucket per key, tombstones remove. */
final class RecordingSeriesOutput implements SeriesOutput {
    final Map<String, SeriesBucket> buckets = new LinkedHashMap<>();
    int tombstones;

    @Override
    public void bucket(SeriesBucket bucket) {
        SeriesInvariants.assertValid(bucket);
        buckets.put(bucket.key().toString(), bucket);
    }

    @Override
    public void bucketRemoved(BucketKey key) {
        buckets.remove(key.toString());
        tombstones++;
    }

    List<SeriesBucket> of(String seriesKey, SeriesResolution resolution) {
        return buckets.values().stream().filter(b -> b.seriesKey().equals(seriesKey) && b.resolution() == resolution)
                .sorted(java.util.Comparator.comparingLong(SeriesBucket::startMicros)).toList();
    }

    static long calls(List<SeriesBucket> buckets) {
        return buckets.stream().mapToLong(SeriesBucket::calls).sum();
    }
}
