package io.periscope.discovery.series;

import io.periscope.analytics.sketch.LatencyQuantiles;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.series.SeriesResolution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The counts of one open bucket, updated in place by every call that falls into it.
 *
 * <p>Invariants: {@code calls} = the sum of the class counts = the sum of the code counts (a code that arrives
 * when {@link SeriesBucket#MAX_CODES} codes are held counts under {@value SeriesBucket#OTHER}); errors ≤ calls;
 * the latency sketch counts only calls with a measured latency. Memory: the maps are bounded, the sketch is the
 * fixed-size {@link LatencyQuantiles} (about 27 KiB), created with the first measured latency.
 */
final class BucketAggregate {
    /** Status classes are {@code 1xx..5xx}; anything outside 100..599 is not an HTTP status and counts as other. */
    private static final int MAX_CLASSES = 8;

    private long startMicros = Long.MIN_VALUE;
    private long calls;
    private long errors;
    private final Map<String, Long> classes = new HashMap<>(8);
    private final Map<String, Long> codes = new HashMap<>(8);
    private LatencyQuantiles latency;
    private boolean touched;

    /** Counts {@code call} in the bucket of {@code resolution} that holds it. */
    static void add(BucketAggregate bucket, Call call, SeriesResolution resolution) {
        if (bucket.startMicros == Long.MIN_VALUE) {
            bucket.startMicros = resolution.startOf(call.atMicros());
        }
        bucket.calls++;
        int status = call.status();
        boolean answered = status != Call.NO_RESPONSE;
        if (!answered || status >= 500) {
            bucket.errors++;
        }
        count(bucket.classes, !answered ? "none" : status >= 100 && status <= 599 ? (status / 100) + "xx" : SeriesBucket.OTHER,
                MAX_CLASSES, 1);
        count(bucket.codes, answered ? Integer.toString(status) : "none", SeriesBucket.MAX_CODES, 1);
        if (call.latencyMicros() >= 0) {
            if (bucket.latency == null) {
                bucket.latency = new LatencyQuantiles();
            }
            bucket.latency.record(call.latencyMicros());
        }
    }

    /** Folds {@code other} (the same bucket of another series, merged into this one) into this bucket. */
    static void absorb(BucketAggregate bucket, BucketAggregate other) {
        if (bucket.startMicros == Long.MIN_VALUE) {
            bucket.startMicros = other.startMicros;
        }
        bucket.calls += other.calls;
        bucket.errors += other.errors;
        other.classes.forEach((k, v) -> count(bucket.classes, k, MAX_CLASSES, v));
        other.codes.forEach((k, v) -> count(bucket.codes, k, SeriesBucket.MAX_CODES, v));
        if (other.latency != null) {
            if (bucket.latency == null) {
                bucket.latency = new LatencyQuantiles();
            }
            bucket.latency.merge(other.latency);
        }
    }

    private static void count(Map<String, Long> map, String key, int maxKeys, long n) {
        if (map.size() >= maxKeys && !map.containsKey(key)) {
            key = SeriesBucket.OTHER;
        }
        map.merge(key, n, Long::sum);
    }

    long startMicros() {
        return startMicros;
    }

    long calls() {
        return calls;
    }

    /** Marks the bucket changed since it was last published; true when it was not marked yet. */
    boolean touch() {
        boolean first = !touched;
        touched = true;
        return first;
    }

    void published() {
        touched = false;
    }

    /** The bucket as published; the latency sketch only for a service's series ({@code endpointId} null). */
    SeriesBucket toBucket(String serviceKey, String endpointId, SeriesResolution resolution) {
        long p50 = latency == null || latency.isEmpty() ? -1 : (long) latency.quantile(0.50);
        long p95 = latency == null || latency.isEmpty() ? -1 : (long) latency.quantile(0.95);
        String sketch = endpointId == null && latency != null && !latency.isEmpty()
                ? Base64.getEncoder().encodeToString(latency.toBytes()) : null;
        return new SeriesBucket(SeriesBucket.SCHEMA_VERSION, serviceKey, endpointId, resolution, startMicros, calls, errors,
                classes, codes, latency == null ? 0 : latency.count(), p50, p95, sketch);
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(startMicros);
            out.writeLong(calls);
            out.writeLong(errors);
            writeMap(out, classes);
            writeMap(out, codes);
            byte[] sketch = latency == null ? new byte[0] : latency.toBytes();
            out.writeInt(sketch.length);
            out.write(sketch);
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array stream does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@link #toBytes()}. @throws IllegalArgumentException when the bytes are damaged */
    static BucketAggregate fromBytes(byte[] data) {
        BucketAggregate b = new BucketAggregate();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            b.startMicros = in.readLong();
            b.calls = in.readLong();
            b.errors = in.readLong();
            readMap(in, b.classes, MAX_CLASSES);
            readMap(in, b.codes, SeriesBucket.MAX_CODES);
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IllegalArgumentException("latency sketch of " + length + " bytes");
            }
            if (length > 0) {
                byte[] sketch = new byte[length];
                in.readFully(sketch);
                b.latency = LatencyQuantiles.fromBytes(sketch);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated bucket", e);
        }
        return b;
    }

    private static void writeMap(DataOutputStream out, Map<String, Long> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Long> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readMap(DataInputStream in, Map<String, Long> map, int maxKeys) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > maxKeys + 1) {
            throw new IllegalArgumentException(n + " keys in a bucket map of at most " + maxKeys);
        }
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), in.readLong());
        }
    }
}
