package io.periscope.analytics.window;

import java.time.Duration;

/**
 * The shape of event-time windows: windows {@code [start, start + sizeMicros)} for every start that is a
 * multiple of {@code advanceMicros} (epoch-aligned, so every key and every instance cuts the same
 * windows), each still accepting events until the stream time reaches {@code end + allowedLatenessMicros}.
 * Tumbling when advance equals size; sliding (hopping) when the advance is smaller, and then an event
 * belongs to up to {@link #windowsPerEvent()} windows.
 */
public record WindowSpec(long sizeMicros, long advanceMicros, long allowedLatenessMicros) {

    public WindowSpec {
        if (sizeMicros <= 0 || advanceMicros <= 0 || advanceMicros > sizeMicros) {
            throw new IllegalArgumentException("need 0 < advance <= size, was size " + sizeMicros + " advance " + advanceMicros);
        }
        if (allowedLatenessMicros < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative, was " + allowedLatenessMicros);
        }
    }

    public static WindowSpec tumbling(Duration size, Duration allowedLateness) {
        return new WindowSpec(micros(size), micros(size), micros(allowedLateness));
    }

    public static WindowSpec sliding(Duration size, Duration advance, Duration allowedLateness) {
        return new WindowSpec(micros(size), micros(advance), micros(allowedLateness));
    }

    /** How many windows one event can fall into. */
    public int windowsPerEvent() {
        return Math.toIntExact(ceilDiv(sizeMicros, advanceMicros));
    }

    /**
     * How many windows can be open at once: those whose start lies within size + lateness of the stream
     * time. This bounds the memory of {@link EventTimeWindows}.
     */
    public int maxOpenWindows() {
        return Math.toIntExact(ceilDiv(sizeMicros + allowedLatenessMicros, advanceMicros));
    }

    /** The number of the window starting at {@code number * advanceMicros}. */
    long newestWindowContaining(long eventMicros) {
        return Math.floorDiv(eventMicros, advanceMicros);
    }

    long oldestWindowContaining(long eventMicros) {
        return Math.floorDiv(eventMicros - sizeMicros, advanceMicros) + 1;
    }

    /** The oldest window still open once the stream time is {@code streamMicros}: its end + lateness is after it. */
    long oldestOpenWindow(long streamMicros) {
        return Math.floorDiv(streamMicros - sizeMicros - allowedLatenessMicros, advanceMicros) + 1;
    }

    long startOf(long window) {
        return window * advanceMicros;
    }

    private static long micros(Duration duration) {
        return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
