package io.periscope.discovery.series;

/**
 * One cataloged call as the series count it.
 *
 * @param atMicros      event time: when the request was first seen on the wire, epoch microseconds
 * @param status        the response status, or {@link #NO_RESPONSE}
 * @param latencyMicros server latency, or a negative value when it was not measured
 */
record Call(long atMicros, int status, long latencyMicros) {
    static final int NO_RESPONSE = 0;
}
