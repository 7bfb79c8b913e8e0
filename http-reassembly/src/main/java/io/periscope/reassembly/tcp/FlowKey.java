package io.periscope.reassembly.tcp;

import io.periscope.segment.TcpSegment;

/**
 * A connection's identity: mirror session, VNI and the canonical (ordered) pair of endpoints, equal
 * for both directions. Endpoint A is the lower (address, port); direction 0 flows A → B.
 *
 * <p>One mutable instance per worker serves as the look-up probe, so finding a connection allocates
 * nothing; a stored key is an immutable {@link #copy()} of it.
 */
public final class FlowKey {
    private String session;
    private int vni;
    private long aHi;
    private long aLo;
    private long bHi;
    private long bLo;
    private int aPort;
    private int bPort;
    private int hash;

    /**
     * Loads the probe from a segment.
     *
     * @return the direction of the segment: 0 when it flows A → B, 1 otherwise
     */
    int load(TcpSegment s) {
        session = s.session();
        vni = s.vni();
        int cmp = compare(s.srcAddrHi(), s.srcAddrLo(), s.srcPort(), s.dstAddrHi(), s.dstAddrLo(), s.dstPort());
        int direction;
        if (cmp <= 0) {
            aHi = s.srcAddrHi(); aLo = s.srcAddrLo(); aPort = s.srcPort();
            bHi = s.dstAddrHi(); bLo = s.dstAddrLo(); bPort = s.dstPort();
            direction = 0;
        } else {
            aHi = s.dstAddrHi(); aLo = s.dstAddrLo(); aPort = s.dstPort();
            bHi = s.srcAddrHi(); bLo = s.srcAddrLo(); bPort = s.srcPort();
            direction = 1;
        }
        hash = computeHash();
        return direction;
    }

    private static int compare(long hi1, long lo1, int p1, long hi2, long lo2, int p2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(lo1, lo2);
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    private int computeHash() {
        long h = aHi * 0x9E3779B97F4A7C15L ^ aLo;
        h = h * 0x9E3779B97F4A7C15L ^ bHi;
        h = h * 0x9E3779B97F4A7C15L ^ bLo;
        h = h * 0x9E3779B97F4A7C15L ^ ((long) aPort << 16 | bPort);
        h = h * 0x9E3779B97F4A7C15L ^ vni ^ (session == null ? 0 : session.hashCode());
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    FlowKey copy() {
        FlowKey k = new FlowKey();
        k.session = session; k.vni = vni;
        k.aHi = aHi; k.aLo = aLo; k.bHi = bHi; k.bLo = bLo;
        k.aPort = aPort; k.bPort = bPort; k.hash = hash;
        return k;
    }

    public String session() { return session; }
    public int vni() { return vni; }

    /** High 64 bits of the address of the endpoint that sends in {@code direction}. */
    public long addrHi(int direction) { return direction == 0 ? aHi : bHi; }
    public long addrLo(int direction) { return direction == 0 ? aLo : bLo; }
    public int port(int direction) { return direction == 0 ? aPort : bPort; }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FlowKey k)) {
            return false;
        }
        return hash == k.hash && aLo == k.aLo && bLo == k.bLo && aHi == k.aHi && bHi == k.bHi
                && aPort == k.aPort && bPort == k.bPort && vni == k.vni && sessionEquals(k.session);
    }

    private boolean sessionEquals(String other) {
        // session names are shared constants, so identity almost always decides
        return session == other || (session != null && session.equals(other));
    }
}
