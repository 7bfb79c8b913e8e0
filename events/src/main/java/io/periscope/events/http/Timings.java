package io.periscope.events.http;

/**
 * Capture timestamps of an exchange in microseconds since the Unix epoch (safe as a JSON number in
 * JavaScript, unlike nanoseconds). A value of {@link #UNKNOWN} means the boundary was not observed.
 *
 * @param requestStartMicros   first byte of the request
 * @param requestEndMicros     last byte of the request
 * @param responseStartMicros  first byte of the final response (after any 1xx)
 * @param responseEndMicros    last byte of the final response
 */
public record Timings(long requestStartMicros, long requestEndMicros, long responseStartMicros, long responseEndMicros) {
    public static final long UNKNOWN = -1;

    /** Server latency: request end to response start, or {@link #UNKNOWN}. */
    public long serverLatencyMicros() {
        return requestEndMicros == UNKNOWN || responseStartMicros == UNKNOWN
                ? UNKNOWN : Math.max(0, responseStartMicros - requestEndMicros);
    }

    /** The earliest known timestamp of the exchange. */
    public long firstSeenMicros() {
        return requestStartMicros != UNKNOWN ? requestStartMicros : responseStartMicros;
    }
}
