package io.periscope.mirror.decode;

import io.periscope.segment.TcpSegment;

/**
 * The decoder's output: a view of one TCP segment whose payload still lives in the caller's packet
 * buffer (zero-copy). Reused for every packet the owning {@link PacketDecoder} decodes, so it is valid
 * only until the next {@code decode} call.
 */
public final class DecodedPacket implements TcpSegment {
    long timestampMicros;
    String session;
    int sessionIndex;
    int vni;
    int encapsulations;
    boolean ipv6;
    int ipId;
    long srcAddrHi;
    long srcAddrLo;
    long dstAddrHi;
    long dstAddrLo;
    int srcPort;
    int dstPort;
    int seq;
    int ack;
    int flags;
    int window;
    byte[] array;
    int tcpHeaderOffset;
    int tcpHeaderLength;
    int payloadOffset;
    int payloadLength;
    int wireLength;
    int flowHash;

    DecodedPacket() {
    }

    @Override
    public long timestampMicros() {
        return timestampMicros;
    }

    @Override
    public String session() {
        return session;
    }

    /** Dense index of {@link #session()} in the decoder's {@link VniSessions}. */
    public int sessionIndex() {
        return sessionIndex;
    }

    @Override
    public int vni() {
        return vni;
    }

    /** Number of VXLAN/GENEVE layers removed to reach the TCP segment. */
    public int encapsulations() {
        return encapsulations;
    }

    @Override
    public boolean ipv6() {
        return ipv6;
    }

    /** IPv4 identification, the IPv6 fragment identification of an atomic fragment, or -1. */
    public int ipId() {
        return ipId;
    }

    @Override
    public long srcAddrHi() {
        return srcAddrHi;
    }

    @Override
    public long srcAddrLo() {
        return srcAddrLo;
    }

    @Override
    public long dstAddrHi() {
        return dstAddrHi;
    }

    @Override
    public long dstAddrLo() {
        return dstAddrLo;
    }

    @Override
    public int srcPort() {
        return srcPort;
    }

    @Override
    public int dstPort() {
        return dstPort;
    }

    @Override
    public int seq() {
        return seq;
    }

    @Override
    public int ack() {
        return ack;
    }

    @Override
    public int flags() {
        return flags;
    }

    @Override
    public int window() {
        return window;
    }

    @Override
    public byte[] payloadArray() {
        return array;
    }

    /** Offset of the TCP header (options included) in {@link #payloadArray()}. */
    public int tcpHeaderOffset() {
        return tcpHeaderOffset;
    }

    public int tcpHeaderLength() {
        return tcpHeaderLength;
    }

    @Override
    public int payloadOffset() {
        return payloadOffset;
    }

    @Override
    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public int wireLength() {
        return wireLength;
    }

    @Override
    public int flowHash() {
        return flowHash;
    }
}
