package io.periscope.segment;

/**
 * Consumer of decoded TCP segments. Each sink is owned by exactly one worker thread: all calls to
 * one sink come from that thread, so an implementation needs no locks. Both directions of a TCP
 * connection are delivered to the same sink (segments are sharded by {@link TcpSegment#flowHash()}).
 */
public interface SegmentSink {

    /** One segment. The argument is only valid during the call (see {@link TcpSegment}). */
    void onSegment(TcpSegment segment);

    /**
     * Called at least once a second, including when no traffic arrives, so idle state can expire.
     *
     * @param nowMicros the capture clock: the wall clock for live sources, the timestamp of the
     *                  latest packet for file sources (so timeouts behave the same on replay)
     */
    void onTick(long nowMicros);

    /** No more segments will come (end of file or shutdown): flush everything still held. */
    void onClose();
}
