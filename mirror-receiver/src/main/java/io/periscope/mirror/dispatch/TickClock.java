package io.periscope.mirror.dispatch;

/** Which clock {@link io.periscope.segment.SegmentSink#onTick} reports. */
public enum TickClock {
    /** The wall clock: live sources (UDP, live capture). */
    WALL,
    /** The latest packet timestamp handed to the dispatcher: replayed files, so timeouts behave as they did on the wire. */
    CAPTURE
}
