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
     * Files: on the worker's own segments, once per second of capture time. The dispatcher's ticks carry
     * the reader's clock, which runs ahead of a worker by whatever its ring holds and fall wherever thread
     * timing puts them; expiring by them would let the same file flush different connections on different
     * runs. By its own segments a worker expires exactly the same connections every time.
     */
    SEGMENTS
}
