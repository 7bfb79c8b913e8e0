package io.periscope.mirror.dispatch;

import io.periscope.segment.TcpSegment;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A preallocated queue cell holding one segment. The receive thread copies the decoded segment in
 * (headers as fields, payload into {@link #payload}, the one copy on the way to reassembly); the
 * worker hands the slot itself to its sink as the {@link TcpSegment} flyweight, then frees it.
 *
 * <p>{@link #sequence} is the cell's turn counter of the bounded queue (see {@link SegmentRing}):
 * it alone orders the producer's plain field writes before the consumer's reads.
 */
final class SegmentSlot implements TcpSegment {
    private static final VarHandle SEQUENCE;

    static {
        try {
            SEQUENCE = MethodHandles.lookup().findVarHandle(SegmentSlot.class, "sequence", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through SEQUENCE
    private long sequence;

    private final byte[] ownPayload;
    private byte[] payload;
    long timestampMicros;
    String session;
    int vni;
    boolean ipv6;
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
    int payloadLength;
    int wireLength;
    int flowHash;
    long fingerprint;

    SegmentSlot(long initialSequence, int payloadCapacity) {
        SEQUENCE.setVolatile(this, initialSequence);
        ownPayload = new byte[payloadCapacity];
        payload = ownPayload;
    }

    long sequence() {
        // volatile, not just acquire: the worker's re-check after setting "sleeping" must not move
        // before that store (a StoreLoad order only volatile accesses give); free on x86
        return (long) SEQUENCE.getVolatile(this);
    }

    void publish(long value) {
        // volatile, not just release: the producer's subsequent read of the worker's "sleeping" flag
        // must not be reordered before this write (see SegmentRing's wake-up protocol)
        SEQUENCE.setVolatile(this, value);
    }

    void copyFrom(TcpSegment s, long duplicateFingerprint) {
        timestampMicros = s.timestampMicros();
        session = s.session();
        vni = s.vni();
        ipv6 = s.ipv6();
        srcAddrHi = s.srcAddrHi();
        srcAddrLo = s.srcAddrLo();
        dstAddrHi = s.dstAddrHi();
        dstAddrLo = s.dstAddrLo();
        srcPort = s.srcPort();
        dstPort = s.dstPort();
        seq = s.seq();
        ack = s.ack();
        flags = s.flags();
        window = s.window();
        wireLength = s.wireLength();
        flowHash = s.flowHash();
        fingerprint = duplicateFingerprint;
        int length = s.payloadLength();
        // Jumbo or GSO payloads beyond the preallocated capacity borrow an exact-size array for this one
        // trip; it is dropped again in release(), so memory stays bounded by the in-flight segments.
        payload = length <= ownPayload.length ? ownPayload : new byte[length];
        System.arraycopy(s.payloadArray(), s.payloadOffset(), payload, 0, length);
        payloadLength = length;
    }

    void release() {
        payload = ownPayload;
        session = null;
    }

    @Override
    public long timestampMicros() {
        return timestampMicros;
    }

    @Override
    public String session() {
        return session;
    }

    @Override
    public int vni() {
        return vni;
    }

    @Override
    public boolean ipv6() {
        return ipv6;
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
        return payload;
    }

    @Override
    public int payloadOffset() {
        return 0;
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
