package io.periscope.events.series;

import io.periscope.events.Versioned;
import java.util.Map;

/**
 * One bucket of a time series of calls: of one endpoint ({@code endpointId} set) or of a whole service
 * ({@code endpointId} null), over {@code [startMicros, startMicros + resolution.bucket)} in event time (the
 * time the request was first seen on the wire). Published to {@code periscope.series} while the bucket is open
 * (then again with the final counts when it closes) under the key {@link #key()} ({@link BucketKey}); a tombstone removes a
 * bucket that left the retention ring or whose endpoint was merged into another.
 *
 * <p>Invariants: {@code calls} = the sum of {@code statusClasses} = the sum of {@code statusCodes} (a
 * status that did not fit the bounded map counts under {@code "other"}); {@code errors} ≤ {@code calls};
 * {@code latencyCount} ≤ {@code calls}; {@code p50Micros} ≤ {@code p95Micros}, both -1 when no latency was
 * measured.
 *
 * @param serviceKey    the service ({@code session|host})
 * @param endpointId    the endpoint, or null for the service's own series
 * @param resolution    bucket size
 * @param startMicros   bucket start, epoch microseconds, a multiple of the bucket size
 * @param calls         exchanges whose request was first seen in the bucket
 * @param errors        calls answered 5xx or not answered at all
 * @param statusClasses calls per status class ({@code 2xx}, ..., {@code none} when no response was seen)
 * @param statusCodes   calls per status code, at most {@link #MAX_CODES} codes plus {@code other}
 * @param latencyCount  calls with a measured server latency
 * @param p50Micros     median server latency, microseconds (-1: none measured)
 * @param p95Micros     95th percentile of server latency, microseconds (-1: none measured)
 * @param latencySketch service buckets only: the latency HdrHistogram, compressed and base64-encoded, so that a
 *                      reader can merge services into an overview; null on endpoint buckets
 */
public record SeriesBucket(int schemaVersion, String serviceKey, String endpointId, SeriesResolution resolution,
                           long startMicros, long calls, long errors, Map<String, Long> statusClasses,
                           Map<String, Long> statusCodes, long latencyCount, long p50Micros, long p95Micros,
                           String latencySketch) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
    /** Distinct status codes kept per bucket: an API answers with a handful; hostile traffic folds into "other". */
    public static final int MAX_CODES = 16;
    public static final String OTHER = "other";

    public SeriesBucket {
        statusClasses = statusClasses == null ? Map.of() : Map.copyOf(statusClasses);
        statusCodes = statusCodes == null ? Map.of() : Map.copyOf(statusCodes);
    }

    /** The series this bucket belongs to: {@code e|<endpointId>} or {@code s|<serviceKey>}. */
    public String seriesKey() {
        return seriesKey(serviceKey, endpointId);
    }

    /** The record key on {@code periscope.series}: {@code <seriesKey>|<resolution>|<startMicros>}. */
    public BucketKey key() {
        return new BucketKey(seriesKey(), resolution, startMicros);
    }

    public static String seriesKey(String serviceKey, String endpointId) {
        return endpointId == null ? "s|" + serviceKey : "e|" + endpointId;
    }

    /** The same bucket without the mergeable sketch, for readers that only display it. */
    public SeriesBucket withoutSketch() {
        return new SeriesBucket(schemaVersion, serviceKey, endpointId, resolution, startMicros, calls, errors,
                statusClasses, statusCodes, latencyCount, p50Micros, p95Micros, null);
    }
}
