package io.periscope.analytics.window;

/**
 * A window that will receive no more events, handed over with its aggregate, which the receiver now owns.
 *
 * @param startMicros inclusive, epoch microseconds
 * @param endMicros exclusive, epoch microseconds
 */
public record ClosedWindow<A>(long startMicros, long endMicros, A aggregate) { }
