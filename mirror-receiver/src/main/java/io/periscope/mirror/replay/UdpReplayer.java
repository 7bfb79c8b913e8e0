package io.periscope.mirror.replay;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.source.CaptureReader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a capture over UDP the way AWS Traffic Mirroring would. Packets that already are VXLAN (or
 * GENEVE) are sent as their UDP payload, untouched; plain packets are wrapped in a VXLAN header with
 * the configured VNI (non-Ethernet captures get a synthetic Ethernet header first). The outer source
 * port comes from a pool of sockets picked by the inner flow hash (or by the captured outer source
 * port), so like AWS, all packets of one inner flow, in both directions, share one outer 5-tuple and
 * land on one SO_REUSEPORT receive thread.
 */
public final class UdpReplayer implements AutoCloseable {
    public static final String SKIP_LINK_TYPE = "unsupported_link_type";
    public static final String SKIP_NOT_IP = "non_ip_without_ethernet";
    public static final String SKIP_TOO_LARGE = "larger_than_a_udp_datagram";

    private final InetSocketAddress vxlanTarget;
    private final InetSocketAddress geneveTarget;
    private final int vni;
    private final DatagramChannel[] sockets;
    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(SessionConfig.defaults()));
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(UdpConfig.MAX_DATAGRAM);
    /** Set by {@link #prepare}: which socket (outer source port) and which target the datagram takes. */
    private int socketIndex;
    private boolean tunnelGeneve;

    /**
     * @param vxlanTarget  where VXLAN datagrams go
     * @param geneveTarget where GENEVE datagrams (captured behind a Gateway Load Balancer) go
     * @param vni          VNI for wrapping plain packets
     * @param socketCount  outer source ports to spread flows over
     */
    public UdpReplayer(InetSocketAddress vxlanTarget, InetSocketAddress geneveTarget, int vni, int socketCount) throws IOException {
        if (vni < 0 || vni > SessionConfig.MAX_VNI) {
            throw new IllegalArgumentException("VNI must be between 0 and " + SessionConfig.MAX_VNI + ": " + vni);
        }
        this.vxlanTarget = vxlanTarget;
        this.geneveTarget = geneveTarget;
        this.vni = vni;
        sockets = new DatagramChannel[socketCount];
        try {
            for (int i = 0; i < socketCount; i++) {
                sockets[i] = DatagramChannel.open();
                sockets[i].bind(new InetSocketAddress(0));
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Sends every packet of the capture.
     *
     * @param progress called after each packet with (packets read so far, bytes sent so far)
     */
    public ReplaySummary replay(CaptureReader reader, Pacer pacer, Progress progress) throws IOException {
        long read = 0;
        long sent = 0;
        long bytes = 0;
        Map<String, Long> skipped = new LinkedHashMap<>();
        long start = System.nanoTime();
        while (reader.next()) {
            read++;
            String skip = prepare(reader);
            if (skip != null) {
                skipped.merge(skip, 1L, Long::sum);
            } else {
                pacer.await(reader.timestampMicros());
                bytes += datagram.remaining();
                sockets[socketIndex].send(datagram, tunnelGeneve ? geneveTarget : vxlanTarget);
                sent++;
            }
            progress.update(read, bytes);
        }
        if (reader.endedInsideRecord()) {
            read++;
            skipped.merge("truncated_record", 1L, Long::sum);
        }
        return new ReplaySummary(read, sent, bytes, System.nanoTime() - start, skipped);
    }

    /** Fills {@link #datagram} for the current packet, or returns why it cannot be sent. */
    private String prepare(CaptureReader reader) {
        LinkType link = reader.linkType();
        if (link == null) {
            return SKIP_LINK_TYPE;
        }
        byte[] a = reader.array();
        int offset = reader.offset();
        int length = reader.capturedLength();
        DecodeOutcome outcome = decoder.decode(a, offset, length, link, reader.timestampMicros());
        datagram.clear();
        if (decoder.outerTunnelOffset() >= 0) {
            tunnelGeneve = decoder.outerTunnelGeneve();
            socketIndex = decoder.outerTunnelSourcePort() % sockets.length;
            datagram.put(a, decoder.outerTunnelOffset(), decoder.outerTunnelLength()).flip();
            return null;
        }
        tunnelGeneve = false;
        socketIndex = outcome == DecodeOutcome.SEGMENT ? (int) ((decoder.packet().flowHash() & 0xFFFF_FFFFL) % sockets.length) : 0;
        int ipStart = switch (link) {
            case ETHERNET -> -1;
            case RAW_IP -> 0;
            case LINUX_SLL -> 16;
            case LINUX_SLL2 -> 20;
            case BSD_NULL, BSD_LOOP -> 4;
            case VXLAN, GENEVE -> throw new IllegalStateException("capture files carry frames, not tunnel payloads");
        };
        int frameLength = ipStart < 0 ? length : 14 + length - ipStart;
        if (8 + frameLength > datagram.capacity()) {
            return SKIP_TOO_LARGE;
        }
        datagram.put((byte) 0x08).put((byte) 0).putShort((short) 0).putInt(vni << 8);
        if (ipStart < 0) {
            datagram.put(a, offset, length);
        } else {
            if (length <= ipStart) {
                return SKIP_NOT_IP;
            }
            int version = (a[offset + ipStart] & 0xff) >>> 4;
            if (version != 4 && version != 6) {
                return SKIP_NOT_IP;
            }
            // locally administered MACs: the capture had no Ethernet header to take them from
            datagram.putShort((short) 0x0200).putInt(2).putShort((short) 0x0200).putInt(1)
                    .putShort((short) (version == 4 ? 0x0800 : 0x86DD))
                    .put(a, offset + ipStart, length - ipStart);
        }
        datagram.flip();
        return null;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (DatagramChannel s : sockets) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
