package io.periscope.mirror.dispatch;

import java.time.InstantSource;

/** Which clock {@link io.periscope.segment.SegmentSink#onTick} reports, and so which clock idle timeouts run on. */
public sealed interface TickClock {
    /** The latest packet timestamp handed to the dispatcher: replayed files, so timeouts behave as they did on the wire. */
    TickClock CAPTURE = new Capture();

    /** An injected clock: live sources (UDP, live capture) pass the clock that stamps their packets. */
    static TickClock wall(InstantSource clock) {
        return new Wall(clock);
    }

    record Wall(InstantSource clock) implements TickClock {
    }

    record Capture() implements TickClock {
    }
}
