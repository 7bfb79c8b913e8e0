package io.periscope.reassembly;

/**
 * What time idle connections expire by ({@code idle-timeout}). Both read the capture's timestamps;
 * they differ in when they look.
 */
public enum IdleClock {
    /**
     * Live sources: on the worker's ticks (at least once a second, even without traffic), so a connection
     * that went quiet is flushed while nothing else arrives.
     */
    TICKS,
    /**
     * Files: on the worker's own segments, every 100 ms of capture time. The dispatcher's ticks fall
     * between whichever segments thread timing puts them (and, with an empty queue, carry the reader's
     * clock); a connection idle just past the timeout is then flushed on one run and continued on the
     * next, splitting its exchanges differently. By its own segments a worker expires exactly the same
     * connections every time.
     */
    SEGMENTS
}
