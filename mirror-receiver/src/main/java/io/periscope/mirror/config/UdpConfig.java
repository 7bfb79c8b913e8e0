package io.periscope.mirror.config;

/**
 * The UDP listener that receives mirrored packets.
 *
 * @param enabled            key {@code udp.enabled}
 * @param bindAddress        key {@code udp.bind-address}
 * @param vxlanPort          VXLAN port (key {@code udp.port}); AWS Traffic Mirroring sends to 4789
 * @param genevePort         GENEVE port for a Gateway Load Balancer target, 0 to disable (key {@code udp.geneve-port})
 * @param threads            receive threads, each with its own SO_REUSEPORT socket on epoll (key {@code udp.threads})
 * @param receiveBufferBytes SO_RCVBUF per socket (key {@code udp.receive-buffer-bytes}); the kernel caps it at
 *                           {@code net.core.rmem_max}
 * @param batchSize          datagrams per recvmmsg call on epoll (key {@code udp.batch-size})
 * @param maxDatagramBytes   largest datagram accepted whole (key {@code udp.max-datagram-bytes}); AWS sends at
 *                           most 8951 bytes (9001 MTU); longer datagrams are cut to this length and decode as truncated
 * @param nativeTransport    use epoll when available (key {@code udp.native-transport}); false forces NIO
 */
public record UdpConfig(boolean enabled, String bindAddress, int vxlanPort, int genevePort, int threads,
                        int receiveBufferBytes, int batchSize, int maxDatagramBytes, boolean nativeTransport) {

    /** Largest datagram an IPv4 UDP socket can deliver. */
    public static final int MAX_DATAGRAM = 65507;

    public UdpConfig {
        Checks.notBlank("udp.bind-address", bindAddress);
        Checks.port("udp.port", vxlanPort, true);
        Checks.port("udp.geneve-port", genevePort, true);
        if (genevePort != 0 && genevePort == vxlanPort) {
            throw new ConfigException(Checks.PREFIX + "udp.geneve-port", genevePort, "must differ from udp.port");
        }
        Checks.range("udp.threads", threads, 1, 64);
        Checks.range("udp.receive-buffer-bytes", receiveBufferBytes, 65536, 1 << 30);
        Checks.range("udp.batch-size", batchSize, 1, 1024);
        Checks.range("udp.max-datagram-bytes", maxDatagramBytes, 576, MAX_DATAGRAM);
    }

    public static UdpConfig defaults() {
        return new UdpConfig(true, "0.0.0.0", DecoderConfig.VXLAN_PORT, 0, 2, 32 << 20, 64, 9216, true);
    }
}
