package io.periscope.segment;

/**
 * A decoded TCP segment, handed from the receiver to a reassembly worker.
 *
 * <p>This is a flyweight: the receiver reuses the object and its payload array for later segments,
 * so a value is valid only for the duration of {@link SegmentSink#onSegment(TcpSegment)}. A sink
 * copies whatever it keeps. This is what lets the packet path run without allocating per packet.
 *
 * <p>Addresses are 128-bit values split into two longs; IPv4 addresses are carried IPv4-mapped
 * ({@code ::ffff:a.b.c.d}), so one representation serves both families without allocation.
 */
public interface TcpSegment {
    int FIN = 0x01;
    int SYN = 0x02;
    int RST = 0x04;
    int PSH = 0x08;
    int ACK = 0x10;
    int URG = 0x20;

    /** Capture timestamp, microseconds since the Unix epoch (the packet's own, never the collector's). */
    long timestampMicros();

    /** Name of the mirror session this packet belongs to (a shared constant, never allocated per packet). */
    String session();

    /** VXLAN network identifier, or -1 when the packet was not VXLAN-encapsulated. */
    int vni();

    /** True when the inner IP packet was IPv6. */
    boolean ipv6();

    long srcAddrHi();

    long srcAddrLo();

    long dstAddrHi();

    long dstAddrLo();

    int srcPort();

    int dstPort();

    /** Sequence number as an unsigned 32-bit value carried in an int; compare with modular arithmetic. */
    int seq();

    /** Acknowledgement number (meaningful when {@link #ACK} is set). */
    int ack();

    /** TCP flag bits ({@link #FIN}, {@link #SYN}, ...). */
    int flags();

    /** Receive window as sent (unscaled). */
    int window();

    /** The payload bytes that were captured live in {@code payloadArray()[payloadOffset() .. + payloadLength())}. */
    byte[] payloadArray();

    int payloadOffset();

    /** Number of captured payload bytes. */
    int payloadLength();

    /**
     * Payload length the IP and TCP headers announce. Larger than {@link #payloadLength()} when the
     * mirror session truncated the packet: the missing bytes are a gap for reassembly.
     */
    int wireLength();

    /** Direction-independent hash of (session, addresses, ports): equal for both directions of a connection. */
    int flowHash();

    default boolean truncated() {
        return payloadLength() < wireLength();
    }

    default boolean hasFlag(int flag) {
        return (flags() & flag) != 0;
    }
}
