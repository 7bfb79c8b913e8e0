package io.periscope.mirror.decode;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.decode.DecodeCursor.Layer;

/**
 * The outer encapsulation of a mirrored packet: UDP to a tunnel port, then a VXLAN or GENEVE header
 * (possibly nested, up to {@code decoder.max-encapsulation-depth}). Picks the mirror session from the
 * outermost VNI and remembers where the outermost tunnel payload lies, so a replay can forward it.
 * Part of one {@link PacketDecoder}: not thread-safe, allocation-free.
 */
final class TunnelLayers {
    static final int ETHERTYPE_TRANSPARENT_BRIDGING = 0x6558;

    private final DecodeCursor c;
    private final DecodedPacket out;
    private final VniSessions sessions;
    private final boolean[] vxlanPorts = new boolean[65536];
    private final boolean[] genevePorts = new boolean[65536];
    private final int maxEncapsulations;

    private int encapsulations;
    private int tunnelOffset;
    private int tunnelLength;
    private int tunnelSourcePort;
    private boolean tunnelGeneve;

    TunnelLayers(DecoderConfig config, VniSessions sessions, DecodeCursor cursor, DecodedPacket out) {
        for (int port : config.vxlanPorts()) {
            vxlanPorts[port] = true;
        }
        for (int port : config.genevePorts()) {
            genevePorts[port] = true;
        }
        this.maxEncapsulations = config.maxEncapsulationDepth();
        this.sessions = sessions;
        this.c = cursor;
        this.out = out;
    }

    /** A new packet: no layer peeled yet. */
    void reset() {
        encapsulations = 0;
        tunnelOffset = -1;
    }

    int outerOffset() {
        return tunnelOffset;
    }

    int outerLength() {
        return tunnelLength;
    }

    int outerSourcePort() {
        return tunnelSourcePort;
    }

    boolean outerGeneve() {
        return tunnelGeneve;
    }

    Layer udp() {
        if (c.remaining() < 8) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int dstPort = c.u16(c.pos + 2);
        boolean vxlan = vxlanPorts[dstPort];
        if (!vxlan && !genevePorts[dstPort]) {
            return c.finish(DecodeOutcome.NOT_TCP);
        }
        int udpLength = c.u16(c.pos + 4);
        if (udpLength != 0) { // 0 only for IPv6 jumbograms
            if (udpLength < 8) {
                return c.finish(DecodeOutcome.BAD_TUNNEL_HEADER);
            }
            c.narrow(c.pos + udpLength);
        }
        c.pos += 8;
        if (tunnelOffset < 0) {
            tunnelOffset = c.pos;
            tunnelLength = c.end - c.pos;
            tunnelSourcePort = c.u16(c.pos - 8);
            tunnelGeneve = !vxlan;
        }
        return vxlan ? Layer.VXLAN : Layer.GENEVE;
    }

    Layer vxlan() {
        if (++encapsulations > maxEncapsulations) {
            return c.finish(DecodeOutcome.ENCAPSULATION_TOO_DEEP);
        }
        if (c.remaining() < 8) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        // Flags and reserved bits are not checked (RFC 7348 says receivers ignore them; VXLAN-GBP
        // and Linux user-defined bits set them in the wild).
        if (out.vni < 0) {
            // The outermost VXLAN header is the mirror session's (a GENEVE layer from a Gateway Load
            // Balancer may sit outside it); inner ones belong to the mirrored workload.
            int vni = (c.u16(c.pos + 4) << 8) | c.u8(c.pos + 6);
            int session = sessions.indexOf(vni);
            if (session == VniSessions.DROP) {
                return c.finish(DecodeOutcome.UNKNOWN_VNI);
            }
            out.vni = vni;
            out.sessionIndex = session;
        }
        c.pos += 8;
        return Layer.ETHERNET;
    }

    Layer geneve() {
        if (++encapsulations > maxEncapsulations) {
            return c.finish(DecodeOutcome.ENCAPSULATION_TOO_DEEP);
        }
        if (c.remaining() < 8) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int first = c.u8(c.pos);
        if (first >>> 6 != 0) {
            return c.finish(DecodeOutcome.BAD_TUNNEL_HEADER);
        }
        int headerLength = 8 + (first & 0x3f) * 4; // options are skipped, never interpreted
        int protocol = c.u16(c.pos + 2);
        if (c.remaining() < headerLength) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        c.pos += headerLength;
        return switch (protocol) {
            case ETHERTYPE_TRANSPARENT_BRIDGING -> Layer.ETHERNET;
            case PacketDecoder.ETHERTYPE_IPV4 -> Layer.IPV4;
            case PacketDecoder.ETHERTYPE_IPV6 -> Layer.IPV6;
            default -> c.finish(DecodeOutcome.NOT_IP);
        };
    }
}
