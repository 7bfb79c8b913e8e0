package io.periscope.discovery.series;

/**
 * Where the series keep what must survive a restart: in the stream task, the key-value store {@value #NAME}
 * (with its changelog topic). Keys: {@code o|<seriesKey>} → the open buckets of a series ({@link CallSeries}),
 * {@code c|<bucketKey>} → a closed bucket ({@link io.periscope.events.series.SeriesBucket} as JSON).
 */
public interface SeriesStore {
    String NAME = "discovery-series";
    String OPEN_PREFIX = "o|";
    String CLOSED_PREFIX = "c|";

    void put(String key, byte[] value);

    void delete(String key);

    /** The value, or null. */
    byte[] get(String key);
}
