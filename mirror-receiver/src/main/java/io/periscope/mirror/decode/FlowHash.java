package io.periscope.mirror.decode;

/**
 * Direction-independent hash of a TCP connection's endpoints.
 *
 * <p>The session is deliberately left out: when both ends of a flow are mirrored by sessions with
 * different VNIs, the two copies of a packet must still reach the same worker so that duplicate
 * suppression (which runs per worker) sees both. Connections that differ only by session still
 * compare unequal downstream; they merely share a worker.
 */
public final class FlowHash {
    private FlowHash() {
    }

    public static int of(long srcHi, long srcLo, int srcPort, long dstHi, long dstLo, int dstPort) {
        long a = endpoint(srcHi, srcLo, srcPort);
        long b = endpoint(dstHi, dstLo, dstPort);
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        long h = mix(lo * 0x9E3779B97F4A7C15L + hi);
        return (int) (h ^ (h >>> 32));
    }

    private static long endpoint(long hi, long lo, int port) {
        return mix(hi ^ mix(lo ^ port));
    }

    /** MurmurHash3 64-bit finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
