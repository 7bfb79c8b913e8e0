package io.periscope.reassembly.support;

import io.periscope.segment.TcpSegment;
import java.util.Arrays;

/**
 * A flyweight segment like the receiver's: one instance and one payload array are reused for every
 * packet, so any state the sink keeps by reference instead of copying shows up as corrupted data.
 */
public final class TestSegment implements TcpSegment {
    private final byte[] payload = new byte[70_000];
    private long micros;
    private String session = "test";
    private int vni = 7;
    private long srcHi, srcLo, dstHi, dstLo;
    private int srcPort, dstPort, seq, ack, flags, length, wire;

    public TestSegment load(Packet p) {
        micros = p.micros();
        session = p.session();
        vni = p.vni();
        srcHi = p.src().hi(); srcLo = p.src().lo(); srcPort = p.src().port();
        dstHi = p.dst().hi(); dstLo = p.dst().lo(); dstPort = p.dst().port();
        seq = p.seq();
        ack = p.ack();
        flags = p.flags();
        Arrays.fill(payload, 0, Math.min(payload.length, Math.max(length, 64)), (byte) 'Z'); // poison previous bytes
        System.arraycopy(p.payload(), 0, payload, 3, p.payload().length);
        length = p.payload().length;
        wire = Math.max(p.wireLength(), length);
        return this;
    }

    @Override public long timestampMicros() { return micros; }
    @Override public String session() { return session; }
    @Override public int vni() { return vni; }
    @Override public boolean ipv6() { return srcHi != 0; }
    @Override public long srcAddrHi() { return srcHi; }
    @Override public long srcAddrLo() { return srcLo; }
    @Override public long dstAddrHi() { return dstHi; }
    @Override public long dstAddrLo() { return dstLo; }
    @Override public int srcPort() { return srcPort; }
    @Override public int dstPort() { return dstPort; }
    @Override public int seq() { return seq; }
    @Override public int ack() { return ack; }
    @Override public int flags() { return flags; }
    @Override public int window() { return 65535; }
    @Override public byte[] payloadArray() { return payload; }
    @Override public int payloadOffset() { return 3; }
    @Override public int payloadLength() { return length; }
    @Override public int wireLength() { return wire; }
    @Override public int flowHash() {
        return (int) (srcLo ^ dstLo ^ srcHi ^ dstHi) ^ srcPort ^ dstPort;
    }
}
