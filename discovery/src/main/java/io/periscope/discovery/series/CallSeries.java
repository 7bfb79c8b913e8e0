package io.periscope.discovery.series;

import io.periscope.analytics.window.ClosedWindow;
import io.periscope.analytics.window.EventTimeWindows;
import io.periscope.analytics.window.WindowSpec;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The time series of one endpoint or one service, at every {@link SeriesResolution}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Open buckets live in {@link EventTimeWindows} (tumbling, epoch-aligned, closing once the series' service's
 *       stream time passes their end plus the allowed lateness); at most {@code ceil((bucket + lateness) / bucket)}
 *       are open per resolution, each with one latency sketch.</li>
 *   <li>A closed bucket is written to the store under {@code c|<bucketKey>} and published once; only its start stays
 *       in memory, in {@code closed}, so that it can be expired or merged. A resolution keeps at most
 *       {@link SeriesResolution#retainedBuckets()} buckets: older ones are deleted and tombstoned.</li>
 *   <li>Every call counted is in exactly one bucket per resolution, open or closed: the calls of a resolution's
 *       buckets sum to the calls counted, less the expired ones.</li>
 * </ul>
 * Not thread-safe: it belongs to one stream task.
 */
final class CallSeries {
    private static final JsonSerde<SeriesBucket> JSON = JsonSerde.of(SeriesBucket.class);

    private final String serviceKey;
    private final String endpointId;
    private final String seriesKey;
    private final Map<SeriesResolution, EventTimeWindows<BucketAggregate>> windows = new EnumMap<>(SeriesResolution.class);
    private final Map<SeriesResolution, NavigableSet<Long>> closed = new EnumMap<>(SeriesResolution.class);
    private final Map<SeriesResolution, BiConsumer<BucketAggregate, Call>> adders = new EnumMap<>(SeriesResolution.class);
    private final Map<SeriesResolution, BiConsumer<BucketAggregate, BucketAggregate>> absorbers =
            new EnumMap<>(SeriesResolution.class);
    private final List<Touched> touched = new ArrayList<>();
    private final List<SeriesBucket> justClosed = new ArrayList<>();
    /** Closed buckets a restored series must still publish, read from the store once all entries are restored. */
    private final List<BucketKey> unpublished = new ArrayList<>();
    private boolean stateDirty;

    private record Touched(SeriesResolution resolution, BucketAggregate bucket) {
    }

    CallSeries(String serviceKey, String endpointId, Map<SeriesResolution, WindowSpec> specs) {
        this(serviceKey, endpointId, specs, null);
    }

    /** @param open the stored open buckets ({@link #openBytes()}), or null for a new series */
    private CallSeries(String serviceKey, String endpointId, Map<SeriesResolution, WindowSpec> specs,
                       Map<SeriesResolution, byte[]> open) {
        this.serviceKey = serviceKey;
        this.endpointId = endpointId;
        this.seriesKey = SeriesBucket.seriesKey(serviceKey, endpointId);
        for (SeriesResolution r : SeriesResolution.values()) {
            closed.put(r, new TreeSet<>());
            adders.put(r, (bucket, call) -> {
                BucketAggregate.add(bucket, call, r);
                touched(r, bucket);
            });
            absorbers.put(r, (bucket, other) -> {
                BucketAggregate.absorb(bucket, other);
                touched(r, bucket);
            });
            if (open == null || open.get(r) == null) {
                windows.put(r, new EventTimeWindows<>(specs.get(r), BucketAggregate::new, w -> closed(r, w)));
            } else {
                windows.put(r, EventTimeWindows.fromBytes(open.get(r), specs.get(r), BucketAggregate::new, bytes -> {
                    BucketAggregate b = BucketAggregate.fromBytes(bytes);
                    // whether or not it was published before the restart, publishing it once more is idempotent
                    b.touch();
                    touched.add(new Touched(r, b));
                    return b;
                }, w -> closed(r, w)));
            }
        }
    }

    String seriesKey() {
        return seriesKey;
    }

    String serviceKey() {
        return serviceKey;
    }

    /** The endpoint, or null for a service's series. */
    String endpointId() {
        return endpointId;
    }

    /** The largest event time this series has seen or been advanced to; {@code Long.MIN_VALUE} before any. */
    long streamMicros() {
        long max = Long.MIN_VALUE;
        for (EventTimeWindows<BucketAggregate> w : windows.values()) {
            max = Math.max(max, w.streamMicros());
        }
        return max;
    }

    /**
     * Counts a call in every resolution.
     *
     * @return the resolutions for which the call came too late (its bucket had closed), usually none
     */
    List<SeriesResolution> add(Call call) {
        List<SeriesResolution> late = List.of();
        for (SeriesResolution r : SeriesResolution.values()) {
            if (!windows.get(r).add(call.atMicros(), call, adders.get(r))) {
                late = late.isEmpty() ? new ArrayList<>(2) : late;
                late.add(r);
            }
        }
        stateDirty = true;
        return late;
    }

    private void touched(SeriesResolution r, BucketAggregate bucket) {
        if (bucket.touch()) {
            touched.add(new Touched(r, bucket));
        }
    }

    private void closed(SeriesResolution r, ClosedWindow<BucketAggregate> window) {
        touched.removeIf(t -> t.bucket() == window.aggregate());
        justClosed.add(window.aggregate().toBucket(serviceKey, endpointId, r));
        closed.get(r).add(window.startMicros());
        stateDirty = true;
    }

    /**
     * Closes the buckets that {@code serviceStreamMicros} leaves behind, publishes what changed and expires what
     * left the ring; writes the store first, so that nothing is published that a restart would lose.
     */
    void flush(long serviceStreamMicros, SeriesStore store, SeriesOutput out) {
        for (SeriesResolution r : SeriesResolution.values()) {
            windows.get(r).advanceTo(serviceStreamMicros);
        }
        for (SeriesBucket b : justClosed) {
            store.put(SeriesStore.CLOSED_PREFIX + b.key(), JSON.serialize(SeriesStore.NAME, b));
        }
        if (stateDirty) {
            store.put(SeriesStore.OPEN_PREFIX + seriesKey, openBytes());
            stateDirty = false;
        }
        justClosed.forEach(out::bucket);
        justClosed.clear();
        for (Touched t : touched) {
            out.bucket(t.bucket().toBucket(serviceKey, endpointId, t.resolution()));
            t.bucket().published();
        }
        touched.clear();
        for (SeriesResolution r : SeriesResolution.values()) {
            long oldestKept = r.startOf(serviceStreamMicros) - (long) (r.retainedBuckets() - 1) * r.bucketMicros();
            NavigableSet<Long> starts = closed.get(r);
            while (!starts.isEmpty() && starts.first() < oldestKept) {
                BucketKey key = new BucketKey(seriesKey, r, starts.pollFirst());
                store.delete(SeriesStore.CLOSED_PREFIX + key);
                out.bucketRemoved(key);
            }
        }
    }

    /** Writes what only lives in memory to the store, without publishing (before a commit, where forwarding is not allowed). */
    void persist(SeriesStore store) {
        for (SeriesBucket b : justClosed) {
            store.put(SeriesStore.CLOSED_PREFIX + b.key(), JSON.serialize(SeriesStore.NAME, b));
        }
        if (stateDirty) {
            store.put(SeriesStore.OPEN_PREFIX + seriesKey, openBytes());
            stateDirty = false;
        }
    }

    /**
     * Folds the series of an endpoint merged away into this one: open buckets merge exactly (counts and sketches)
     * when this series still has the bucket open; closed buckets add their counts, and their quantiles become the
     * latency-count-weighted mean of both (an approximation: the closed buckets keep no sketch). The merged-away
     * series' records are tombstoned and its state deleted.
     *
     * @return calls of open buckets that could not be merged because the bucket had closed here: none while both
     *         series share a stream time, which this method sees to; counted all the same, should that ever break
     */
    long absorb(CallSeries member, SeriesStore store, SeriesOutput out) {
        // on one stream time both series have the same buckets open, so an open bucket always merges into an open
        // one and a closed bucket into a closed one
        long streamTime = Math.max(streamMicros(), member.streamMicros());
        if (streamTime != Long.MIN_VALUE) {
            for (SeriesResolution r : SeriesResolution.values()) {
                windows.get(r).advanceTo(streamTime);
                member.windows.get(r).advanceTo(streamTime);
            }
        }
        // buckets that closed since the last flush are only in memory: store them so both sides read from one place
        persist(store);
        member.persist(store);
        long lost = 0;
        for (SeriesResolution r : SeriesResolution.values()) {
            List<BucketAggregate> open = new ArrayList<>();
            member.windows.get(r).forEachOpen((start, bucket) -> open.add(bucket));
            for (BucketAggregate b : open) {
                out.bucketRemoved(new BucketKey(member.seriesKey, r, b.startMicros()));
                if (!windows.get(r).add(b.startMicros(), b, absorbers.get(r))) {
                    lost += b.calls();
                }
            }
            for (long start : member.closed.get(r)) {
                BucketKey from = new BucketKey(member.seriesKey, r, start);
                BucketKey into = new BucketKey(seriesKey, r, start);
                SeriesBucket theirs = read(store, from);
                store.delete(SeriesStore.CLOSED_PREFIX + from);
                out.bucketRemoved(from);
                if (theirs == null) {
                    continue;
                }
                SeriesBucket ours = closed.get(r).contains(start) ? read(store, into) : null;
                SeriesBucket merged = ours == null ? relabel(theirs) : combine(ours, theirs);
                // the merged bucket replaces our own unpublished one, which the next flush would otherwise store again
                justClosed.removeIf(b -> b.resolution() == r && b.startMicros() == start);
                closed.get(r).add(start);
                store.put(SeriesStore.CLOSED_PREFIX + into, JSON.serialize(SeriesStore.NAME, merged));
                out.bucket(merged);
            }
        }
        store.delete(SeriesStore.OPEN_PREFIX + member.seriesKey);
        stateDirty = true;
        return lost;
    }

    private static SeriesBucket read(SeriesStore store, BucketKey key) {
        byte[] bytes = store.get(SeriesStore.CLOSED_PREFIX + key);
        return bytes == null ? null : JSON.deserialize(SeriesStore.NAME, bytes);
    }

    private SeriesBucket relabel(SeriesBucket b) {
        return new SeriesBucket(b.schemaVersion(), serviceKey, endpointId, b.resolution(), b.startMicros(), b.calls(),
                b.errors(), b.statusClasses(), b.statusCodes(), b.latencyCount(), b.p50Micros(), b.p95Micros(), null);
    }

    private SeriesBucket combine(SeriesBucket a, SeriesBucket b) {
        long n = a.latencyCount() + b.latencyCount();
        return new SeriesBucket(SeriesBucket.SCHEMA_VERSION, serviceKey, endpointId, a.resolution(), a.startMicros(),
                a.calls() + b.calls(), a.errors() + b.errors(), sum(a.statusClasses(), b.statusClasses()),
                sum(a.statusCodes(), b.statusCodes()), n, weighted(a.p50Micros(), a.latencyCount(), b.p50Micros(),
                b.latencyCount()), weighted(a.p95Micros(), a.latencyCount(), b.p95Micros(), b.latencyCount()), null);
    }

    private static long weighted(long x, long nx, long y, long ny) {
        if (nx + ny == 0) {
            return -1;
        }
        return Math.round(((double) Math.max(x, 0) * nx + (double) Math.max(y, 0) * ny) / (nx + ny));
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> out = new HashMap<>(a);
        b.forEach((k, v) -> {
            String key = out.size() >= SeriesBucket.MAX_CODES && !out.containsKey(k) ? SeriesBucket.OTHER : k;
            out.merge(key, v, Long::sum);
        });
        return out;
    }

    /** The stored form of the open buckets: service key, endpoint id and each resolution's windows. */
    byte[] openBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(serviceKey);
            out.writeBoolean(endpointId != null);
            if (endpointId != null) {
                out.writeUTF(endpointId);
            }
            out.writeInt(SeriesResolution.values().length);
            for (SeriesResolution r : SeriesResolution.values()) {
                byte[] w = windows.get(r).toBytes(BucketAggregate::toBytes);
                out.writeUTF(r.name());
                out.writeInt(w.length);
                out.write(w);
            }
            // closed buckets stored but not yet published: a restart publishes them, or they would never reach the topic
            out.writeInt(justClosed.size());
            for (SeriesBucket b : justClosed) {
                out.writeUTF(b.resolution().name());
                out.writeLong(b.startMicros());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #openBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are damaged or were written with another window shape
     */
    static CallSeries fromOpenBytes(byte[] data, Map<SeriesResolution, WindowSpec> specs) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            String serviceKey = in.readUTF();
            String endpointId = in.readBoolean() ? in.readUTF() : null;
            Map<SeriesResolution, byte[]> open = new EnumMap<>(SeriesResolution.class);
            int resolutions = in.readInt();
            for (int i = 0; i < resolutions; i++) {
                SeriesResolution r = SeriesResolution.valueOf(in.readUTF());
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("windows of " + length + " bytes");
                }
                byte[] w = new byte[length];
                in.readFully(w);
                open.put(r, w);
            }
            int pending = in.readInt();
            if (pending < 0 || pending > in.available()) {
                throw new IllegalArgumentException(pending + " unpublished buckets");
            }
            List<BucketKey> unpublished = new ArrayList<>(pending);
            String seriesKey = SeriesBucket.seriesKey(serviceKey, endpointId);
            for (int i = 0; i < pending; i++) {
                unpublished.add(new BucketKey(seriesKey, SeriesResolution.valueOf(in.readUTF()), in.readLong()));
            }
            CallSeries series = new CallSeries(serviceKey, endpointId, specs, open);
            series.unpublished.addAll(unpublished);
            return series;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated series state", e);
        }
    }

    /** Queues for publication the closed buckets that were stored but not published before the restart. */
    void republishUnpublished(SeriesStore store) {
        for (BucketKey key : unpublished) {
            SeriesBucket b = read(store, key);
            if (b != null) {
                justClosed.add(b);
            }
        }
        unpublished.clear();
    }

    /** A closed bucket read back from the store at restore. */
    void restoreClosed(SeriesResolution r, long startMicros) {
        closed.get(r).add(startMicros);
    }

    /** The starts of the closed buckets of {@code r}, oldest first (for tests and invariants). */
    List<Long> closedStarts(SeriesResolution r) {
        return List.copyOf(closed.get(r));
    }

    /** The open buckets of {@code r}, as they would be published now (for tests and invariants). */
    List<SeriesBucket> openBuckets(SeriesResolution r) {
        List<SeriesBucket> out = new ArrayList<>();
        windows.get(r).forEachOpen((start, b) -> out.add(b.toBucket(serviceKey, endpointId, r)));
        return out;
    }
}
