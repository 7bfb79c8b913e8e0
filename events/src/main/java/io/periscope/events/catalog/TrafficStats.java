package io.periscope.events.catalog;

import java.util.Map;

/**
 * Traffic statistics of an endpoint.
 *
 * @param calls                 exchanges counted
 * @param statusCodes           responses per status code ({@code "none"} when no response was seen)
 * @param statusClasses         responses per class ({@code 2xx}, ..., {@code none})
 * @param latencyP50Micros      server latency percentiles, microseconds (-1 when unknown)
 * @param latencyP90Micros      see above
 * @param latencyP99Micros      see above
 * @param latencyMaxMicros      see above
 * @param latencyHistogram      the HdrHistogram of server latency, compressed and base64-encoded, so that
 *                              readers can merge or re-query it
 * @param requestBytes          total and maximum request body size (decoded length)
 * @param responseBytes         total and maximum response body size (decoded length)
 * @param distinctClients       estimated number of distinct client IPs (HyperLogLog)
 * @param clientSketch          the HyperLogLog registers, base64-encoded
 * @param requestContentTypes   requests per media type
 * @param responseContentTypes  responses per media type
 * @param authSchemes           calls per credential scheme ({@code Bearer}, {@code Basic}, {@code ApiKey}, {@code Cookie}, ...)
 * @param unauthenticatedCalls  calls that presented no credential
 */
public record TrafficStats(
        long calls,
        Map<String, Long> statusCodes,
        Map<String, Long> statusClasses,
        long latencyP50Micros,
        long latencyP90Micros,
        long latencyP99Micros,
        long latencyMaxMicros,
        String latencyHistogram,
        SizeStats requestBytes,
        SizeStats responseBytes,
        long distinctClients,
        String clientSketch,
        Map<String, Long> requestContentTypes,
        Map<String, Long> responseContentTypes,
        Map<String, Long> authSchemes,
        long unauthenticatedCalls) {

    public TrafficStats {
        statusCodes = statusCodes == null ? Map.of() : Map.copyOf(statusCodes);
        statusClasses = statusClasses == null ? Map.of() : Map.copyOf(statusClasses);
        requestContentTypes = requestContentTypes == null ? Map.of() : Map.copyOf(requestContentTypes);
        responseContentTypes = responseContentTypes == null ? Map.of() : Map.copyOf(responseContentTypes);
        authSchemes = authSchemes == null ? Map.of() : Map.copyOf(authSchemes);
    }

    /** The same statistics without the mergeable histogram and sketch, for read models that only display them. */
    public TrafficStats withoutSketches() {
        return new TrafficStats(calls, statusCodes, statusClasses, latencyP50Micros, latencyP90Micros, latencyP99Micros,
                latencyMaxMicros, null, requestBytes, responseBytes, distinctClients, null, requestContentTypes,
                responseContentTypes, authSchemes, unauthenticatedCalls);
    }

    /** Share of calls without any credential, 0..1. */
    public double unauthenticatedShare() {
        return calls == 0 ? 0 : (double) unauthenticatedCalls / calls;
    }

    /** Body sizes: how many bodies, their total and their maximum, in bytes. */
    /**
     * Bodies of one direction.
     *
     * @param count         bodies with at least one captured byte
     * @param total         sum of their decoded lengths
     * @param max           largest decoded length
     * @param partlyScanned of those, bodies that sensitive-data detection read only in part ({@code Body.partlyScanned}):
     *                      longer than the sensor's scan limit, cut by a gap, not JSON past the published cap, or not
     *                      scanned at all; 0 in snapshots written before it existed
     */
    public record SizeStats(long count, long total, long max, long partlyScanned) {
        public static final SizeStats EMPTY = new SizeStats(0, 0, 0, 0);

        public SizeStats(long count, long total, long max) {
            this(count, total, max, 0);
        }
    }
}
