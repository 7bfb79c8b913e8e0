package io.periscope.discovery.series;

import io.periscope.analytics.sketch.LatencyQuantiles;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series the api role serves, as {@code periscope.series} holds them: the latest bucket per key.
 *
 * <p>Invariants: a series holds at most {@link SeriesResolution#retainedBuckets()} buckets per resolution (older
 * ones are dropped when a newer one arrives, even if their tombstone has not been read yet); at most
 * {@link #MAX_SERIES} series are held (a bucket of a further series is refused and counted by the caller); only
 * service buckets keep their latency sketch, which the overview merges. Thread-safe: one lock per series.
 */
public final class SeriesIndex {
    /** Series held: far above {@code SeriesEngine.DEFAULT_MAX_SERIES} per task times the tasks of a cluster. */
    public static final int MAX_SERIES = 100_000;

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    private static final class Series {
        final Map<SeriesResolution, NavigableMap<Long, SeriesBucket>> buckets = new EnumMap<>(SeriesResolution.class);

        Series() {
            for (SeriesResolution r : SeriesResolution.values()) {
                buckets.put(r, new TreeMap<>());
            }
        }
    }

    /** Holds {@code bucket}; false when it was refused because {@link #MAX_SERIES} series are held. */
    public boolean put(SeriesBucket bucket) {
        Series s = series.get(bucket.seriesKey());
        if (s == null) {
            if (series.size() >= MAX_SERIES) {
                return false;
            }
            s = series.computeIfAbsent(bucket.seriesKey(), k -> new Series());
        }
        SeriesBucket kept = bucket.endpointId() == null ? bucket : bucket.withoutSketch();
        synchronized (s) {
            NavigableMap<Long, SeriesBucket> m = s.buckets.get(bucket.resolution());
            m.put(bucket.startMicros(), kept);
            long oldestKept = m.lastKey() - (long) (bucket.resolution().retainedBuckets() - 1) * bucket.resolution().bucketMicros();
            m.headMap(oldestKept, false).clear();
        }
        return true;
    }

    public void remove(BucketKey key) {
        Series s = series.get(key.seriesKey());
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.buckets.get(key.resolution()).remove(key.startMicros());
            if (s.buckets.values().stream().allMatch(Map::isEmpty)) {
                series.remove(key.seriesKey(), s);
            }
        }
    }

    /**
     * One endpoint's series ({@code endpointId} set), one service's ({@code serviceKey} set) or the overview of every
     * service (both null), from {@code sinceMicros} on; with {@code sinceMicros} null, the last {@code defaultBuckets}
     * buckets up to the newest.
     */
    public SeriesResult query(String serviceKey, String endpointId, SeriesResolution resolution, Long sinceMicros,
                              int defaultBuckets) {
        if (endpointId != null || serviceKey != null) {
            List<SeriesBucket> buckets = buckets(SeriesBucket.seriesKey(serviceKey, endpointId), resolution);
            if (endpointId != null && serviceKey != null && !buckets.isEmpty() && !serviceKey.equals(buckets.get(0).serviceKey())) {
                buckets = List.of();
            }
            List<SeriesBucket> shown = window(buckets, resolution, sinceMicros, defaultBuckets);
            List<SeriesPoint> points = new ArrayList<>();
            for (SeriesBucket b : shown) {
                points.add(point(b.startMicros(), b.calls(), b.errors(), b.p50Micros(), b.p95Micros(), b.statusClasses()));
            }
            String service = serviceKey != null ? serviceKey : buckets.isEmpty() ? null : buckets.get(0).serviceKey();
            return result(endpointId != null ? "endpoint" : "service", service, endpointId, resolution, points, shown);
        }
        return overview(resolution, sinceMicros, defaultBuckets);
    }

    private SeriesResult overview(SeriesResolution resolution, Long sinceMicros, int defaultBuckets) {
        List<SeriesBucket> all = new ArrayList<>();
        series.forEach((key, s) -> {
            if (key.startsWith("s|")) {
                all.addAll(buckets(key, resolution));
            }
        });
        TreeMap<Long, List<SeriesBucket>> byStart = new TreeMap<>();
        for (SeriesBucket b : all) {
            byStart.computeIfAbsent(b.startMicros(), k -> new ArrayList<>()).add(b);
        }
        long newest = byStart.isEmpty() ? 0 : byStart.lastKey();
        long from = sinceMicros != null ? sinceMicros : newest - (long) (defaultBuckets - 1) * resolution.bucketMicros();
        List<SeriesPoint> points = new ArrayList<>();
        List<SeriesBucket> used = new ArrayList<>();
        for (Map.Entry<Long, List<SeriesBucket>> e : byStart.tailMap(from, true).entrySet()) {
            long calls = 0;
            long errors = 0;
            Map<String, Long> classes = new HashMap<>();
            LatencyQuantiles latency = new LatencyQuantiles();
            for (SeriesBucket b : e.getValue()) {
                calls += b.calls();
                errors += b.errors();
                b.statusClasses().forEach((k, v) -> classes.merge(k, v, Long::sum));
                if (b.latencySketch() != null) {
                    try {
                        latency.merge(LatencyQuantiles.fromBytes(Base64.getDecoder().decode(b.latencySketch())));
                    } catch (IllegalArgumentException damaged) {
                        // a sketch that cannot be read leaves the latency of that service out of the overview point
                    }
                }
                used.add(b);
            }
            long p50 = latency.isEmpty() ? -1 : (long) latency.quantile(0.50);
            long p95 = latency.isEmpty() ? -1 : (long) latency.quantile(0.95);
            points.add(point(e.getKey(), calls, errors, p50, p95, classes));
        }
        return result("overview", null, null, resolution, points, used);
    }

    private List<SeriesBucket> buckets(String seriesKey, SeriesResolution resolution) {
        Series s = series.get(seriesKey);
        if (s == null) {
            return List.of();
        }
        synchronized (s) {
            return new ArrayList<>(s.buckets.get(resolution).values());
        }
    }

    private static List<SeriesBucket> window(List<SeriesBucket> buckets, SeriesResolution resolution, Long sinceMicros,
                                             int defaultBuckets) {
        if (buckets.isEmpty()) {
            return buckets;
        }
        long newest = buckets.get(buckets.size() - 1).startMicros();
        long from = sinceMicros != null ? sinceMicros : newest - (long) (defaultBuckets - 1) * resolution.bucketMicros();
        return buckets.stream().filter(b -> b.startMicros() >= from).toList();
    }

    private static SeriesPoint point(long start, long calls, long errors, long p50, long p95, Map<String, Long> classes) {
        return new SeriesPoint(start, calls, errors, calls == 0 ? 0 : (double) errors / calls, p50, p95, Map.copyOf(classes));
    }

    private static SeriesResult result(String scope, String serviceKey, String endpointId, SeriesResolution resolution,
                                       List<SeriesPoint> points, List<SeriesBucket> buckets) {
        long calls = 0;
        long errors = 0;
        Map<String, Long> classes = new TreeMap<>();
        Map<String, Long> codes = new HashMap<>();
        for (SeriesBucket b : buckets) {
            calls += b.calls();
            errors += b.errors();
            b.statusClasses().forEach((k, v) -> classes.merge(k, v, Long::sum));
            b.statusCodes().forEach((k, v) -> codes.merge(k, v, Long::sum));
        }
        List<SeriesResult.StatusCount> top = codes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(SeriesResult.TOP_CODES).map(e -> new SeriesResult.StatusCount(e.getKey(), e.getValue())).toList();
        return new SeriesResult(scope, serviceKey, endpointId, resolution, resolution.bucket().toSeconds(), points, calls,
                errors, classes, top);
    }

    /** Series held (for tests and the bound). */
    public int size() {
        return series.size();
    }
}
