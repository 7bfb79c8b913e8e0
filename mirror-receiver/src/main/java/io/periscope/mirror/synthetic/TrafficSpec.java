package io.periscope.mirror.synthetic;

/**
 * What to generate.
 *
 * @param connections            TCP connections in all
 * @param concurrentConnections  connections open at the same time (their packets interleave)
 * @param meanExchanges          mean exchanges per keep-alive connection (uniform on 1 .. 2·mean − 1)
 * @param pipelinedPercent       percentage of request batches sent pipelined (2–3 requests before the first response)
 * @param chunkedPercent         percentage of responses with a body sent with {@code Transfer-Encoding: chunked}
 * @param gzipPercent            percentage of responses with a body compressed with {@code Content-Encoding: gzip}
 * @param packetsPerSecond       mean packet rate of the capture clock (gaps between packets are random around it)
 * @param vxlanVni               wrap every frame as AWS Traffic Mirroring delivers it (VXLAN, this VNI), or 0 for plain Ethernet
 * @param seed                   same seed, same bytes
 * @param startMicros            capture time of the first packet
 */
public record TrafficSpec(int connections, int concurrentConnections, int meanExchanges, int pipelinedPercent,
                          int chunkedPercent, int gzipPercent, int packetsPerSecond, int vxlanVni, long seed,
                          long startMicros) {
    /** 2026-01-01T00:00:00Z. */
    public static final long DEFAULT_START_MICROS = 1_767_225_600_000_000L;

    public TrafficSpec {
        positive("connections", connections);
        positive("concurrentConnections", concurrentConnections);
        positive("meanExchanges", meanExchanges);
        positive("packetsPerSecond", packetsPerSecond);
        percent("pipelinedPercent", pipelinedPercent);
        percent("chunkedPercent", chunkedPercent);
        percent("gzipPercent", gzipPercent);
        if (vxlanVni < 0 || vxlanVni > 0xFF_FFFF) {
            throw new IllegalArgumentException("vxlanVni must be 0 to 16777215, got " + vxlanVni);
        }
        if (concurrentConnections > 60_000) {
            // client ports are unique among open connections of one client address block
            throw new IllegalArgumentException("concurrentConnections must be at most 60000, got " + concurrentConnections);
        }
    }

    /**
     * A realistic mix: {@code connections} keep-alive connections, all open at once up to 23,000, ten
     * exchanges each on average, 10 % pipelined, 20 % chunked, 25 % gzip, 50,000 packets/s, VXLAN-wrapped.
     */
    public static TrafficSpec realistic(int connections, long seed) {
        return new TrafficSpec(connections, Math.min(connections, 23_000), 10, 10, 20, 25, 50_000, 7, seed,
                DEFAULT_START_MICROS);
    }

    public TrafficSpec withConcurrentConnections(int n) {
        return new TrafficSpec(connections, n, meanExchanges, pipelinedPercent, chunkedPercent, gzipPercent,
                packetsPerSecond, vxlanVni, seed, startMicros);
    }

    public TrafficSpec withMeanExchanges(int n) {
        return new TrafficSpec(connections, concurrentConnections, n, pipelinedPercent, chunkedPercent, gzipPercent,
                packetsPerSecond, vxlanVni, seed, startMicros);
    }

    public TrafficSpec withVxlanVni(int vni) {
        return new TrafficSpec(connections, concurrentConnections, meanExchanges, pipelinedPercent, chunkedPercent,
                gzipPercent, packetsPerSecond, vni, seed, startMicros);
    }

    public TrafficSpec withStartMicros(long micros) {
        return new TrafficSpec(connections, concurrentConnections, meanExchanges, pipelinedPercent, chunkedPercent,
                gzipPercent, packetsPerSecond, vxlanVni, seed, micros);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void percent(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be 0 to 100, got " + value);
        }
    }
}
