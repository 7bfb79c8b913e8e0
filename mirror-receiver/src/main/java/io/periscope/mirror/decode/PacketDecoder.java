package io.periscope.mirror.decode;

import io.periscope.mirror.config.DecoderConfig;

import java.util.Objects;

/**
 * Decodes one captured packet down to its TCP segment, peeling VXLAN and GENEVE layers on the way.
 *
 * <p>An explicit state machine over {@link Layer}: each step reads one header at {@code pos}, bounded
 * by {@code end}, and names the next layer, or ends with a {@link DecodeOutcome}. {@code end} only ever
 * shrinks: it starts at the captured length and each length field (IPv4 total length, IPv6 payload
 * length, UDP length) can narrow it but never widen it, so no read goes past the captured bytes
 * whatever the headers claim. Checksums are never checked: AWS truncates mirrored packets and the
 * truncated copies carry checksums that no longer match.
 *
 * <p>Not thread-safe and allocation-free: one decoder per thread, and the {@link DecodedPacket} it
 * returns is overwritten by the next call.
 */
public final class PacketDecoder {
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_TRANSPARENT_BRIDGING = 0x6558;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int MAX_IPV6_EXTENSIONS = 8;
    private static final long IPV4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;

    private enum Layer { ETHERNET, IPV4, IPV6, UDP, VXLAN, GENEVE, TCP, DONE }

    private final boolean[] vxlanPorts = new boolean[65536];
    private final boolean[] genevePorts = new boolean[65536];
    private final int maxEncapsulations;
    private final int maxVlanTags;
    private final VniSessions sessions;
    private final DecodedPacket out = new DecodedPacket();

    private byte[] buf;
    private int pos;
    private int end;
    /** Bytes the innermost IP header announces after itself (what the wire carried, truncation aside). */
    private int ipPayloadWire;
    private DecodeOutcome outcome;
    private int tunnelOffset;
    private int tunnelLength;
    private int tunnelSourcePort;
    private boolean tunnelGeneve;

    public PacketDecoder(DecoderConfig config, VniSessions sessions) {
        for (int port : config.vxlanPorts()) {
            vxlanPorts[port] = true;
        }
        for (int port : config.genevePorts()) {
            genevePorts[port] = true;
        }
        this.maxEncapsulations = config.maxEncapsulationDepth();
        this.maxVlanTags = config.maxVlanTags();
        this.sessions = sessions;
    }

    public VniSessions sessions() {
        return sessions;
    }

    /** The segment of the last {@link DecodeOutcome#SEGMENT} outcome; overwritten by the next call. */
    public DecodedPacket packet() {
        return out;
    }

    /**
     * Where the outermost UDP tunnel payload (the VXLAN or GENEVE header) of the last decoded packet
     * starts in its buffer, or -1 when the packet did not arrive over a UDP tunnel port. Set whatever
     * the outcome, so a replay can forward tunnel payloads that carry no TCP.
     */
    public int outerTunnelOffset() {
        return tunnelOffset;
    }

    /** Captured length of the outermost tunnel payload (valid when {@link #outerTunnelOffset()} is not -1). */
    public int outerTunnelLength() {
        return tunnelLength;
    }

    /** Outer UDP source port of the tunnel (AWS derives it from the inner flow). */
    public int outerTunnelSourcePort() {
        return tunnelSourcePort;
    }

    /** True when the outermost tunnel is GENEVE rather than VXLAN. */
    public boolean outerTunnelGeneve() {
        return tunnelGeneve;
    }

    /**
     * @param packet          buffer holding the captured bytes
     * @param offset          where the packet starts in {@code packet}
     * @param capturedLength  bytes captured; nothing beyond is read
     * @param link            the first header
     * @param timestampMicros capture time, carried into the segment
     */
    public DecodeOutcome decode(byte[] packet, int offset, int capturedLength, LinkType link, long timestampMicros) {
        Objects.checkFromIndexSize(offset, capturedLength, packet.length);
        buf = packet;
        pos = offset;
        end = offset + capturedLength;
        outcome = null;
        tunnelOffset = -1;
        out.timestampMicros = timestampMicros;
        out.vni = -1;
        out.sessionIndex = sessions.plainIndex();
        out.encapsulations = 0;
        out.ipId = -1;
        Layer layer = start(link);
        while (layer != Layer.DONE) {
            layer = switch (layer) {
                case ETHERNET -> ethernet();
                case IPV4 -> ipv4();
                case IPV6 -> ipv6();
                case UDP -> udp();
                case VXLAN -> vxlan();
                case GENEVE -> geneve();
                case TCP -> tcp();
                case DONE -> throw new IllegalStateException();
            };
        }
        buf = null;
        return outcome;
    }

    private Layer start(LinkType link) {
        return switch (link) {
            case ETHERNET -> Layer.ETHERNET;
            case RAW_IP -> rawIp();
            case LINUX_SLL -> linuxSll(16, 14);
            case LINUX_SLL2 -> linuxSll(20, 0);
            case BSD_NULL -> bsdLoopback(false);
            case BSD_LOOP -> bsdLoopback(true);
            case VXLAN -> Layer.VXLAN;
            case GENEVE -> Layer.GENEVE;
        };
    }

    private Layer finish(DecodeOutcome result) {
        outcome = result;
        return Layer.DONE;
    }

    private Layer rawIp() {
        if (end - pos < 1) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        return switch ((buf[pos] & 0xff) >>> 4) {
            case 4 -> Layer.IPV4;
            case 6 -> Layer.IPV6;
            default -> finish(DecodeOutcome.BAD_IP_VERSION);
        };
    }

    private Layer linuxSll(int headerLength, int protocolOffset) {
        if (end - pos < headerLength) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int protocol = u16(pos + protocolOffset);
        pos += headerLength;
        return etherType(protocol);
    }

    private Layer bsdLoopback(boolean networkOrder) {
        if (end - pos < 4) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int family = networkOrder ? i32(pos) : Integer.reverseBytes(i32(pos));
        if (!networkOrder && (family & 0xFFFF_FF00) != 0) {
            family = i32(pos); // written on a big-endian host
        }
        pos += 4;
        return switch (family) {
            case 2 -> Layer.IPV4;
            case 10, 24, 28, 30 -> Layer.IPV6; // Linux, NetBSD/OpenBSD, FreeBSD, macOS
            default -> finish(DecodeOutcome.NOT_IP);
        };
    }

    private Layer ethernet() {
        if (end - pos < 14) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int type = u16(pos + 12);
        pos += 14;
        return etherType(type);
    }

    private Layer etherType(int type) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (++tags > maxVlanTags) {
                return finish(DecodeOutcome.TOO_MANY_VLAN_TAGS);
            }
            if (end - pos < 4) {
                return finish(DecodeOutcome.TRUNCATED_HEADER);
            }
            type = u16(pos + 2);
            pos += 4;
        }
        return switch (type) {
            case ETHERTYPE_IPV4 -> Layer.IPV4;
            case ETHERTYPE_IPV6 -> Layer.IPV6;
            default -> finish(DecodeOutcome.NOT_IP);
        };
    }

    private Layer ipv4() {
        if (end - pos < 20) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int versionAndLength = buf[pos] & 0xff;
        if (versionAndLength >>> 4 != 4) {
            return finish(DecodeOutcome.BAD_IP_VERSION);
        }
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (headerLength < 20) {
            return finish(DecodeOutcome.BAD_IP_HEADER);
        }
        if (end - pos < headerLength) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int totalLength = u16(pos + 2);
        if (totalLength == 0) {
            // TSO/GSO or BIG TCP frame captured before segmentation: the header leaves the length out,
            // so the captured bytes are all there is.
            ipPayloadWire = end - pos - headerLength;
        } else if (totalLength < headerLength) {
            return finish(DecodeOutcome.BAD_IP_HEADER);
        } else {
            ipPayloadWire = totalLength - headerLength;
            end = Math.min(end, pos + totalLength); // drops Ethernet padding
        }
        if ((u16(pos + 6) & 0x3FFF) != 0) { // MF flag or a fragment offset
            return finish(DecodeOutcome.IP_FRAGMENT);
        }
        out.ipv6 = false;
        out.ipId = u16(pos + 4);
        out.srcAddrHi = 0;
        out.srcAddrLo = IPV4_MAPPED_PREFIX | (i32(pos + 12) & 0xFFFF_FFFFL);
        out.dstAddrHi = 0;
        out.dstAddrLo = IPV4_MAPPED_PREFIX | (i32(pos + 16) & 0xFFFF_FFFFL);
        int protocol = buf[pos + 9] & 0xff;
        pos += headerLength;
        return transport(protocol);
    }

    private Layer transport(int protocol) {
        return switch (protocol) {
            case PROTO_TCP -> Layer.TCP;
            case PROTO_UDP -> Layer.UDP;
            default -> finish(DecodeOutcome.NOT_TCP);
        };
    }

    private Layer ipv6() {
        if (end - pos < 40) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        if ((buf[pos] & 0xff) >>> 4 != 6) {
            return finish(DecodeOutcome.BAD_IP_VERSION);
        }
        int payloadLength = u16(pos + 4);
        int next = buf[pos + 6] & 0xff;
        out.ipv6 = true;
        out.ipId = -1;
        out.srcAddrHi = i64(pos + 8);
        out.srcAddrLo = i64(pos + 16);
        out.dstAddrHi = i64(pos + 24);
        out.dstAddrLo = i64(pos + 32);
        pos += 40;
        if (payloadLength == 0) {
            ipPayloadWire = end - pos; // jumbogram or BIG TCP: the length is not in this header
        } else {
            ipPayloadWire = payloadLength;
            end = Math.min(end, pos + payloadLength);
        }
        for (int headers = 0; headers < MAX_IPV6_EXTENSIONS; headers++) {
            int length;
            switch (next) {
                case PROTO_TCP, PROTO_UDP:
                    return transport(next);
                case 0, 43, 60, 135, 139, 140: // hop-by-hop, routing, destination options, mobility, HIP, shim6
                    if (end - pos < 8) {
                        return finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    length = ((buf[pos + 1] & 0xff) + 1) * 8;
                    break;
                case 44: // fragment
                    if (end - pos < 8) {
                        return finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    if ((u16(pos + 2) & 0xFFF9) != 0) { // offset or M flag: a real fragment, not an atomic one
                        return finish(DecodeOutcome.IP_FRAGMENT);
                    }
                    out.ipId = i32(pos + 4);
                    length = 8;
                    break;
                case 51: // authentication header
                    if (end - pos < 8) {
                        return finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    length = ((buf[pos + 1] & 0xff) + 2) * 4;
                    break;
                default: // ESP, ICMPv6, no-next-header, anything else
                    return finish(DecodeOutcome.NOT_TCP);
            }
            if (length > ipPayloadWire) {
                return finish(DecodeOutcome.BAD_IPV6_EXTENSION);
            }
            if (length > end - pos) {
                return finish(DecodeOutcome.TRUNCATED_HEADER);
            }
            next = buf[pos] & 0xff;
            pos += length;
            ipPayloadWire -= length;
        }
        return finish(DecodeOutcome.BAD_IPV6_EXTENSION);
    }

    private Layer udp() {
        if (end - pos < 8) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int dstPort = u16(pos + 2);
        boolean vxlan = vxlanPorts[dstPort];
        if (!vxlan && !genevePorts[dstPort]) {
            return finish(DecodeOutcome.NOT_TCP);
        }
        int udpLength = u16(pos + 4);
        if (udpLength != 0) { // 0 only for IPv6 jumbograms
            if (udpLength < 8) {
                return finish(DecodeOutcome.BAD_TUNNEL_HEADER);
            }
            end = Math.min(end, pos + udpLength);
        }
        pos += 8;
        if (tunnelOffset < 0) {
            tunnelOffset = pos;
            tunnelLength = end - pos;
            tunnelSourcePort = u16(pos - 8);
            tunnelGeneve = !vxlan;
        }
        return vxlan ? Layer.VXLAN : Layer.GENEVE;
    }

    private Layer vxlan() {
        if (++out.encapsulations > maxEncapsulations) {
            return finish(DecodeOutcome.ENCAPSULATION_TOO_DEEP);
        }
        if (end - pos < 8) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        // Flags and reserved bits are not checked (RFC 7348 says receivers ignore them; VXLAN-GBP
        // and Linux user-defined bits set them in the wild).
        if (out.vni < 0) {
            // The outermost VXLAN header is the mirror session's (a GENEVE layer from a Gateway Load
            // Balancer may sit outside it); inner ones belong to the mirrored workload.
            int vni = (u16(pos + 4) << 8) | (buf[pos + 6] & 0xff);
            int session = sessions.indexOf(vni);
            if (session == VniSessions.DROP) {
                return finish(DecodeOutcome.UNKNOWN_VNI);
            }
            out.vni = vni;
            out.sessionIndex = session;
        }
        pos += 8;
        return Layer.ETHERNET;
    }

    private Layer geneve() {
        if (++out.encapsulations > maxEncapsulations) {
            return finish(DecodeOutcome.ENCAPSULATION_TOO_DEEP);
        }
        if (end - pos < 8) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int first = buf[pos] & 0xff;
        if (first >>> 6 != 0) {
            return finish(DecodeOutcome.BAD_TUNNEL_HEADER);
        }
        int headerLength = 8 + (first & 0x3f) * 4; // options are skipped, never interpreted
        int protocol = u16(pos + 2);
        if (end - pos < headerLength) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        pos += headerLength;
        return switch (protocol) {
            case ETHERTYPE_TRANSPARENT_BRIDGING -> Layer.ETHERNET;
            case ETHERTYPE_IPV4 -> Layer.IPV4;
            case ETHERTYPE_IPV6 -> Layer.IPV6;
            default -> finish(DecodeOutcome.NOT_IP);
        };
    }

    private Layer tcp() {
        if (end - pos < 20) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int headerLength = ((buf[pos + 12] & 0xff) >>> 4) * 4;
        if (headerLength < 20 || headerLength > ipPayloadWire) {
            return finish(DecodeOutcome.BAD_TCP_HEADER);
        }
        if (end - pos < headerLength) {
            return finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        DecodedPacket p = out;
        p.srcPort = u16(pos);
        p.dstPort = u16(pos + 2);
        p.seq = i32(pos + 4);
        p.ack = i32(pos + 8);
        p.flags = buf[pos + 13] & 0x3f;
        p.window = u16(pos + 14);
        p.array = buf;
        p.tcpHeaderOffset = pos;
        p.tcpHeaderLength = headerLength;
        p.payloadOffset = pos + headerLength;
        p.wireLength = ipPayloadWire - headerLength;
        p.payloadLength = Math.min(p.wireLength, end - p.payloadOffset);
        p.session = sessions.name(p.sessionIndex);
        p.flowHash = FlowHash.of(p.srcAddrHi, p.srcAddrLo, p.srcPort, p.dstAddrHi, p.dstAddrLo, p.dstPort);
        return finish(DecodeOutcome.SEGMENT);
    }

    private int u16(int i) {
        return ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff);
    }

    private int i32(int i) {
        return ((buf[i] & 0xff) << 24) | ((buf[i + 1] & 0xff) << 16) | ((buf[i + 2] & 0xff) << 8) | (buf[i + 3] & 0xff);
    }

    private long i64(int i) {
        return ((long) i32(i) << 32) | (i32(i + 4) & 0xFFFF_FFFFL);
    }
}
