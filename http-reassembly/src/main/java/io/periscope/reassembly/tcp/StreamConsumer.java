package io.periscope.reassembly.tcp;

/**
 * Receives one direction of a TCP connection as an ordered byte stream with explicit gaps. Bytes are
 * only valid during the call.
 */
public interface StreamConsumer {

    /**
     * In-order bytes.
     *
     * @param seq    sequence number of {@code b[off]}
     * @param ack    acknowledgement number of the segment that carried them
     * @param hasAck whether that segment had the ACK flag
     * @param micros capture timestamp of that segment
     */
    void onData(byte[] b, int off, int len, int seq, int ack, boolean hasAck, long micros);

    /** {@code len} bytes of the stream will never be seen. */
    void onGap(int len, GapReason reason, long micros);

    /** The direction ended (FIN reached, RST, idle, eviction or end of input). */
    void onEnd(long micros);

    /**
     * False once the consumer no longer parses (not HTTP, upgraded, HTTP/2): the direction then stops
     * buffering and delivering payload, so such streams cost nothing but their sequence tracking.
     */
    boolean wantsData();
}
