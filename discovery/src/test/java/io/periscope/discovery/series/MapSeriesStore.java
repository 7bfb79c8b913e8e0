package io.periscope.discovery.series;

import java.util.Map;
import java.util.TreeMap;

/** A {@link SeriesStore} in a map: what the stream task's key-value store holds, without Kafka Streams around it. */
final class MapSeriesStore implements SeriesStore {
    final Map<String, byte[]> entries = new TreeMap<>();

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public byte[] get(String key) {
        return entries.get(key);
    }
}
