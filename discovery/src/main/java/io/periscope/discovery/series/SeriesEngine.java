package io.periscope.discovery.series;

import io.periscope.analytics.window.WindowSpec;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The call series of the services one stream task owns: one {@link CallSeries} per service and per endpoint.
 * {@link #call} is the per-exchange path (no allocation but the call record and new buckets); {@link #flush} (on
 * the catalog's punctuation) closes, publishes and expires buckets.
 *
 * <p>Time: every series of a service closes its buckets on the service's stream time, the largest event time
 * seen for the service, never on a clock; so a capture replayed days later fills the buckets of the days it
 * was recorded, and one service's clock (or a replay of another capture) does not close another's buckets.
 * Not thread-safe.
 */
public final class SeriesEngine {
    /**
     * How long after its end a bucket still accepts calls: exchanges of a partition arrive nearly in event order
     * (a response completes seconds after its request is first seen); a minute absorbs that with room to spare
     * and keeps two minute buckets and two hour buckets open per series at most.
     */
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(1);
    /**
     * Series kept per task: each active series holds up to four open buckets of about 27 KiB (their latency
     * sketches), so 2000 series bound the open buckets of a task to about 200 MiB in the worst case, about half
     * that in steady state. Calls of endpoints beyond it are counted ({@code series_cap}) but get no series.
     */
    public static final int DEFAULT_MAX_SERIES = 2000;

    private static final JsonSerde<SeriesBucket> JSON = JsonSerde.of(SeriesBucket.class);

    private final int maxSeries;
    private final SeriesMetrics metrics;
    private final SeriesStore store;
    private final Map<SeriesResolution, WindowSpec> specs = new EnumMap<>(SeriesResolution.class);
    // two maps keyed by the ids the catalog hands over, so the per-call path builds no key string
    private final Map<String, CallSeries> services = new HashMap<>();
    private final Map<String, CallSeries> endpoints = new HashMap<>();
    private final Map<String, Long> serviceStreamMicros = new HashMap<>();

    public SeriesEngine(int maxSeries, SeriesMetrics metrics, SeriesStore store) {
        if (maxSeries < 1) {
            throw new IllegalArgumentException("max series must be positive, was " + maxSeries);
        }
        this.maxSeries = maxSeries;
        this.metrics = metrics;
        this.store = store;
        for (SeriesResolution r : SeriesResolution.values()) {
            specs.put(r, WindowSpec.tumbling(r.bucket(), ALLOWED_LATENESS));
        }
    }

    /**
     * Counts one cataloged call in its service's series and its endpoint's.
     *
     * @param status        the response status, or 0 when there was no response
     * @param latencyMicros server latency, negative when not measured
     */
    public void call(String serviceKey, String endpointId, long atMicros, int status, long latencyMicros) {
        serviceStreamMicros.merge(serviceKey, atMicros, Math::max);
        Call call = new Call(atMicros, status, latencyMicros);
        count(series(serviceKey, null), call);
        count(series(serviceKey, endpointId), call);
    }

    private void count(CallSeries s, Call call) {
        if (s == null) {
            metrics.notCounted("series_cap", 1);
            return;
        }
        for (SeriesResolution late : s.add(call)) {
            metrics.notCounted("late_" + late.name().toLowerCase(Locale.ROOT), 1);
        }
    }

    private CallSeries series(String serviceKey, String endpointId) {
        Map<String, CallSeries> map = endpointId == null ? services : endpoints;
        String key = endpointId == null ? serviceKey : endpointId;
        CallSeries s = map.get(key);
        if (s == null && services.size() + endpoints.size() < maxSeries) {
            s = new CallSeries(serviceKey, endpointId, specs);
            map.put(key, s);
        }
        return s;
    }

    private void put(CallSeries s) {
        if (s.endpointId() == null) {
            services.put(s.serviceKey(), s);
        } else {
            endpoints.put(s.endpointId(), s);
        }
    }

    /** The endpoint {@code fromEndpointId} was merged into {@code intoEndpointId}: its series joins the survivor's. */
    public void merged(String serviceKey, String fromEndpointId, String intoEndpointId, SeriesOutput out) {
        CallSeries from = endpoints.remove(fromEndpointId);
        if (from == null) {
            return;
        }
        CallSeries into = series(serviceKey, intoEndpointId);
        if (into == null) {
            // the cap was reached; the survivor takes the merged-away series' place, which just freed one
            into = new CallSeries(serviceKey, intoEndpointId, specs);
            put(into);
        }
        long lost = into.absorb(from, store, out);
        if (lost > 0) {
            metrics.notCounted("merge_late", lost);
        }
    }

    /** Closes, publishes and expires the buckets of every series, each on its service's stream time. */
    public void flush(SeriesOutput out) {
        for (Map<String, CallSeries> map : List.of(services, endpoints)) {
            for (CallSeries s : map.values()) {
                Long now = serviceStreamMicros.get(s.serviceKey());
                if (now != null) {
                    s.flush(now, store, out);
                }
            }
        }
    }

    /** Writes what only lives in memory to the store, without publishing: called right before the task commits. */
    public void persistPending() {
        services.values().forEach(s -> s.persist(store));
        endpoints.values().forEach(s -> s.persist(store));
    }

    /**
     * Restores the series from the store's entries (all of them, in any order), when the task is assigned. An
     * entry that cannot be read is discarded and counted.
     */
    public void restore(Iterable<Map.Entry<String, byte[]>> entries) {
        List<Map.Entry<String, byte[]>> closed = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : entries) {
            try {
                if (e.getKey().startsWith(SeriesStore.OPEN_PREFIX)) {
                    CallSeries s = CallSeries.fromOpenBytes(e.getValue(), specs);
                    put(s);
                    if (s.streamMicros() != Long.MIN_VALUE) {
                        serviceStreamMicros.merge(s.serviceKey(), s.streamMicros(), Math::max);
                    }
                } else if (e.getKey().startsWith(SeriesStore.CLOSED_PREFIX)) {
                    closed.add(e);
                }
            } catch (RuntimeException ex) {
                metrics.stateUnreadable();
            }
        }
        for (Map.Entry<String, byte[]> e : closed) {
            Optional<BucketKey> key = BucketKey.parse(e.getKey().substring(SeriesStore.CLOSED_PREFIX.length()));
            CallSeries s = key.map(k -> k.seriesKey().startsWith("s|") ? services.get(k.seriesKey().substring(2))
                    : endpoints.get(k.seriesKey().substring(2))).orElse(null);
            if (s == null) {
                metrics.stateUnreadable();
                continue;
            }
            s.restoreClosed(key.get().resolution(), key.get().startMicros());
            try {
                SeriesBucket b = JSON.deserialize(SeriesStore.NAME, e.getValue());
                serviceStreamMicros.merge(b.serviceKey(), b.startMicros(), Math::max);
            } catch (RuntimeException ex) {
                metrics.stateUnreadable();
            }
        }
        services.values().forEach(s -> s.republishUnpublished(store));
        endpoints.values().forEach(s -> s.republishUnpublished(store));
    }

    /** Every bucket of a series at {@code resolution}, closed (from the store) and open, oldest first: for tests. */
    List<SeriesBucket> buckets(String serviceKey, String endpointId, SeriesResolution resolution) {
        CallSeries s = endpointId == null ? services.get(serviceKey) : endpoints.get(endpointId);
        if (s == null) {
            return List.of();
        }
        List<SeriesBucket> out = new ArrayList<>();
        for (long start : s.closedStarts(resolution)) {
            byte[] bytes = store.get(SeriesStore.CLOSED_PREFIX + new BucketKey(s.seriesKey(), resolution, start));
            if (bytes != null) {
                out.add(JSON.deserialize(SeriesStore.NAME, bytes));
            }
        }
        out.addAll(s.openBuckets(resolution));
        return out;
    }
}
