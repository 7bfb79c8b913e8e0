package io.periscope.discovery.series;

import io.periscope.events.series.SeriesResolution;
import java.util.List;
import java.util.Map;

/**
 * A series as the API answers it: its buckets oldest first (buckets without calls are left out), and the status mix
 * over them.
 *
 * @param scope         {@code overview} (every service), {@code service} or {@code endpoint}
 * @param serviceKey    the service, null for the overview
 * @param endpointId    the endpoint, null unless the scope is {@code endpoint}
 * @param resolution    bucket size
 * @param bucketSeconds bucket size in seconds
 * @param points        the buckets with calls, oldest first
 * @param calls         calls over the points
 * @param errors        errors over the points
 * @param statusClasses calls per status class over the points
 * @param topCodes      the most frequent status codes over the points, most calls first (at most {@link #TOP_CODES})
 */
public record SeriesResult(String scope, String serviceKey, String endpointId, SeriesResolution resolution,
                           long bucketSeconds, List<SeriesPoint> points, long calls, long errors,
                           Map<String, Long> statusClasses, List<StatusCount> topCodes) {
    public static final int TOP_CODES = 8;

    /** Calls answered with one status code ({@code none}: not answered; {@code other}: folded). */
    public record StatusCount(String code, long calls) {
    }
}
