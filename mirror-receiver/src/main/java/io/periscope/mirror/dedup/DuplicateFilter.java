package io.periscope.mirror.dedup;

import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.decode.DecodedPacket;

/**
 * Recognises the second copy of a packet that was mirrored twice, once by each end of the flow.
 *
 * <p>The two copies differ in their outer headers (source ENI address, possibly the VNI) and in the
 * IP TTL, but not in anything the fingerprint covers: inner addresses, ports, the TCP header except
 * its checksum (sequence, acknowledgement, flags, window, options), the IPv4 identification, the
 * payload lengths and the first payload bytes. The checksum is left out because the sending side's
 * copy may be taken before checksum offload fills it in. A retransmission is not a duplicate: it
 * either carries a new IPv4 identification or arrives later than the window.
 *
 * <p>A 4-way set-associative table of fingerprints and capture times, fixed in size: memory is
 * bounded, and under pressure the filter forgets (keeping both copies) rather than grows. Not
 * thread-safe: one filter per worker, which sees both copies because segments are sharded by a
 * flow hash that ignores the session.
 */
public final class DuplicateFilter {
    private static final int WAYS = 4;
    private static final int HASHED_PAYLOAD_BYTES = 16;

    private final long[] fingerprints;
    private final long[] times;
    private final int setMask;
    private final long windowMicros;

    public DuplicateFilter(DedupConfig config) {
        fingerprints = new long[config.tableSize()];
        times = new long[config.tableSize()];
        setMask = (config.tableSize() - 1) & ~(WAYS - 1);
        windowMicros = config.windowMicros();
    }

    /**
     * Records the packet and tells whether an identical one was seen within the window.
     *
     * @param fingerprint from {@link #fingerprint(DecodedPacket)}
     * @param timeMicros  capture time of the packet
     */
    public boolean isDuplicate(long fingerprint, long timeMicros) {
        long fp = fingerprint == 0 ? 1 : fingerprint; // 0 marks an empty entry
        int base = (int) (fp ^ (fp >>> 29)) & setMask;
        int victim = base;
        long oldest = Long.MAX_VALUE;
        for (int i = base; i < base + WAYS; i++) {
            if (fingerprints[i] == fp && Math.abs(timeMicros - times[i]) <= windowMicros) {
                return true;
            }
            if (fingerprints[i] == 0) {
                victim = i;
                oldest = Long.MIN_VALUE;
            } else if (times[i] < oldest) {
                victim = i;
                oldest = times[i];
            }
        }
        fingerprints[victim] = fp;
        times[victim] = timeMicros;
        return false;
    }

    /** Fingerprint of the packet's inner identity; see the class comment for what it covers and why. */
    public static long fingerprint(DecodedPacket p) {
        long h = 0x5bd1e9955bd1e995L;
        h = step(h, p.srcAddrHi());
        h = step(h, p.srcAddrLo());
        h = step(h, p.dstAddrHi());
        h = step(h, p.dstAddrLo());
        h = step(h, ((long) p.srcPort() << 16 | p.dstPort()) << 32 | (p.ipId() & 0xFFFF_FFFFL));
        h = step(h, (long) p.wireLength() << 32 | p.payloadLength());
        byte[] a = p.payloadArray();
        int tcp = p.tcpHeaderOffset();
        for (int i = tcp + 4; i < tcp + p.tcpHeaderLength(); i += 4) {
            if (i == tcp + 16) { // checksum and urgent pointer: keep only the urgent pointer
                h = step(h, word(a, i) & 0xFFFF);
            } else {
                h = step(h, word(a, i));
            }
        }
        int n = Math.min(HASHED_PAYLOAD_BYTES, p.payloadLength()) & ~3;
        for (int i = p.payloadOffset(); i < p.payloadOffset() + n; i += 4) {
            h = step(h, word(a, i));
        }
        return finish(h);
    }

    private static long word(byte[] a, int i) {
        return ((a[i] & 0xffL) << 24) | ((a[i + 1] & 0xff) << 16) | ((a[i + 2] & 0xff) << 8) | (a[i + 3] & 0xff);
    }

    private static long step(long h, long v) {
        return Long.rotateLeft((h ^ v) * 0x9E3779B97F4A7C15L, 29);
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }
}
