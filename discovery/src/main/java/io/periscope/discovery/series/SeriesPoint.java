package io.periscope.discovery.series;

import java.util.Map;

/**
 * One bucket as the API and the charts show it.
 *
 * @param startMicros   bucket start, epoch microseconds
 * @param calls         calls first seen in the bucket
 * @param errors        calls answered 5xx or not answered
 * @param errorRate     errors / calls, 0..1
 * @param p50Micros     median server latency, microseconds; -1 when none was measured
 * @param p95Micros     95th percentile, microseconds; -1 when none was measured
 * @param statusClasses calls per status class
 */
public record SeriesPoint(long startMicros, long calls, long errors, double errorRate, long p50Micros, long p95Micros,
                          Map<String, Long> statusClasses) {
}
