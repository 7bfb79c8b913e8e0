package io.periscope.mirror.decode;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.decode.DecodeCursor.Layer;

import java.util.Objects;

/**
 * Decodes one captured packet down to its TCP segment, peeling VXLAN and GENEVE layers on the way.
 *
 * <p>An explicit state machine over {@link Layer}: each step reads one header at the cursor's
 * position, bounded by its end, and names the next layer, or ends with a {@link DecodeOutcome}. This
 * class reads the link, Ethernet/VLAN, IP and TCP headers; the outer encapsulation (UDP tunnel,
 * VXLAN, GENEVE) is read by {@link TunnelLayers}; both share one {@link DecodeCursor}, which keeps
 * every read within the captured bytes whatever the headers claim. Checksums are never checked: AWS
 * truncates mirrored packets and the truncated copies carry checksums that no longer match.
 *
 * <p>Not thread-safe and allocation-free: one decoder per thread, and the {@link DecodedPacket} it
 * returns is overwritten by the next call.
 */
public final class PacketDecoder {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int MAX_IPV6_EXTENSIONS = 8;
    private static final long IPV4_MAPPED_PREFIX = 0x0000_FFFF_0000_0000L;

    private final int maxVlanTags;
    private final VniSessions sessions;
    private final DecodedPacket out = new DecodedPacket();
    private final DecodeCursor c = new DecodeCursor();
    private final TunnelLayers tunnels;

    /** Bytes the innermost IP header announces after itself (what the wire carried, truncation aside). */
    private int ipPayloadWire;

    public PacketDecoder(DecoderConfig config, VniSessions sessions) {
        this.maxVlanTags = config.maxVlanTags();
        this.sessions = sessions;
        this.tunnels = new TunnelLayers(config, sessions, c, out);
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
        return tunnels.outerOffset();
    }

    /** Captured length of the outermost tunnel payload (valid when {@link #outerTunnelOffset()} is not -1). */
    public int outerTunnelLength() {
        return tunnels.outerLength();
    }

    /** Outer UDP source port of the tunnel (AWS derives it from the inner flow). */
    public int outerTunnelSourcePort() {
        return tunnels.outerSourcePort();
    }

    /** True when the outermost tunnel is GENEVE rather than VXLAN. */
    public boolean outerTunnelGeneve() {
        return tunnels.outerGeneve();
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
        c.reset(packet, offset, capturedLength);
        tunnels.reset();
        out.timestampMicros = timestampMicros;
        out.vni = -1;
        out.sessionIndex = sessions.plainIndex();
        out.ipId = -1;
        Layer layer = start(link);
        while (layer != Layer.DONE) {
            layer = switch (layer) {
                case ETHERNET -> ethernet();
                case IPV4 -> ipv4();
                case IPV6 -> ipv6();
                case UDP -> tunnels.udp();
                case VXLAN -> tunnels.vxlan();
                case GENEVE -> tunnels.geneve();
                case TCP -> tcp();
                case DONE -> throw new IllegalStateException();
            };
        }
        c.buf = null;
        return c.outcome;
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

    private Layer rawIp() {
        if (c.remaining() < 1) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        return switch (c.u8(c.pos) >>> 4) {
            case 4 -> Layer.IPV4;
            case 6 -> Layer.IPV6;
            default -> c.finish(DecodeOutcome.BAD_IP_VERSION);
        };
    }

    private Layer linuxSll(int headerLength, int protocolOffset) {
        if (c.remaining() < headerLength) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int protocol = c.u16(c.pos + protocolOffset);
        c.pos += headerLength;
        return etherType(protocol);
    }

    private Layer bsdLoopback(boolean networkOrder) {
        if (c.remaining() < 4) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int family = networkOrder ? c.i32(c.pos) : Integer.reverseBytes(c.i32(c.pos));
        if (!networkOrder && (family & 0xFFFF_FF00) != 0) {
            family = c.i32(c.pos); // written on a big-endian host
        }
        c.pos += 4;
        return switch (family) {
            case 2 -> Layer.IPV4;
            case 10, 24, 28, 30 -> Layer.IPV6; // Linux, NetBSD/OpenBSD, FreeBSD, macOS
            default -> c.finish(DecodeOutcome.NOT_IP);
        };
    }

    private Layer ethernet() {
        if (c.remaining() < 14) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int type = c.u16(c.pos + 12);
        c.pos += 14;
        return etherType(type);
    }

    private Layer etherType(int type) {
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            if (++tags > maxVlanTags) {
                return c.finish(DecodeOutcome.TOO_MANY_VLAN_TAGS);
            }
            if (c.remaining() < 4) {
                return c.finish(DecodeOutcome.TRUNCATED_HEADER);
            }
            type = c.u16(c.pos + 2);
            c.pos += 4;
        }
        return switch (type) {
            case ETHERTYPE_IPV4 -> Layer.IPV4;
            case ETHERTYPE_IPV6 -> Layer.IPV6;
            default -> c.finish(DecodeOutcome.NOT_IP);
        };
    }

    private Layer ipv4() {
        if (c.remaining() < 20) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int versionAndLength = c.u8(c.pos);
        if (versionAndLength >>> 4 != 4) {
            return c.finish(DecodeOutcome.BAD_IP_VERSION);
        }
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (headerLength < 20) {
            return c.finish(DecodeOutcome.BAD_IP_HEADER);
        }
        if (c.remaining() < headerLength) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int totalLength = c.u16(c.pos + 2);
        if (totalLength == 0) {
            // TSO/GSO or BIG TCP frame captured before segmentation: the header leaves the length out,
            // so the captured bytes are all there is.
            ipPayloadWire = c.remaining() - headerLength;
        } else if (totalLength < headerLength) {
            return c.finish(DecodeOutcome.BAD_IP_HEADER);
        } else {
            ipPayloadWire = totalLength - headerLength;
            c.narrow(c.pos + totalLength); // drops Ethernet padding
        }
        if ((c.u16(c.pos + 6) & 0x3FFF) != 0) { // MF flag or a fragment offset
            return c.finish(DecodeOutcome.IP_FRAGMENT);
        }
        out.ipv6 = false;
        out.ipId = c.u16(c.pos + 4);
        out.srcAddrHi = 0;
        out.srcAddrLo = IPV4_MAPPED_PREFIX | (c.i32(c.pos + 12) & 0xFFFF_FFFFL);
        out.dstAddrHi = 0;
        out.dstAddrLo = IPV4_MAPPED_PREFIX | (c.i32(c.pos + 16) & 0xFFFF_FFFFL);
        int protocol = c.u8(c.pos + 9);
        c.pos += headerLength;
        return transport(protocol);
    }

    private Layer transport(int protocol) {
        return switch (protocol) {
            case PROTO_TCP -> Layer.TCP;
            case PROTO_UDP -> Layer.UDP;
            default -> c.finish(DecodeOutcome.NOT_TCP);
        };
    }

    private Layer ipv6() {
        if (c.remaining() < 40) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        if (c.u8(c.pos) >>> 4 != 6) {
            return c.finish(DecodeOutcome.BAD_IP_VERSION);
        }
        int payloadLength = c.u16(c.pos + 4);
        int next = c.u8(c.pos + 6);
        out.ipv6 = true;
        out.ipId = -1;
        out.srcAddrHi = c.i64(c.pos + 8);
        out.srcAddrLo = c.i64(c.pos + 16);
        out.dstAddrHi = c.i64(c.pos + 24);
        out.dstAddrLo = c.i64(c.pos + 32);
        c.pos += 40;
        if (payloadLength == 0) {
            ipPayloadWire = c.remaining(); // jumbogram or BIG TCP: the length is not in this header
        } else {
            ipPayloadWire = payloadLength;
            c.narrow(c.pos + payloadLength);
        }
        for (int headers = 0; headers < MAX_IPV6_EXTENSIONS; headers++) {
            int length;
            switch (next) {
                case PROTO_TCP, PROTO_UDP:
                    return transport(next);
                case 0, 43, 60, 135, 139, 140: // hop-by-hop, routing, destination options, mobility, HIP, shim6
                    if (c.remaining() < 8) {
                        return c.finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    length = (c.u8(c.pos + 1) + 1) * 8;
                    break;
                case 44: // fragment
                    if (c.remaining() < 8) {
                        return c.finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    if ((c.u16(c.pos + 2) & 0xFFF9) != 0) { // offset or M flag: a real fragment, not an atomic one
                        return c.finish(DecodeOutcome.IP_FRAGMENT);
                    }
                    out.ipId = c.i32(c.pos + 4);
                    length = 8;
                    break;
                case 51: // authentication header
                    if (c.remaining() < 8) {
                        return c.finish(DecodeOutcome.TRUNCATED_HEADER);
                    }
                    length = (c.u8(c.pos + 1) + 2) * 4;
                    break;
                default: // ESP, ICMPv6, no-next-header, anything else
                    return c.finish(DecodeOutcome.NOT_TCP);
            }
            if (length > ipPayloadWire) {
                return c.finish(DecodeOutcome.BAD_IPV6_EXTENSION);
            }
            if (length > c.remaining()) {
                return c.finish(DecodeOutcome.TRUNCATED_HEADER);
            }
            next = c.u8(c.pos);
            c.pos += length;
            ipPayloadWire -= length;
        }
        return c.finish(DecodeOutcome.BAD_IPV6_EXTENSION);
    }

    private Layer tcp() {
        if (c.remaining() < 20) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        int headerLength = (c.u8(c.pos + 12) >>> 4) * 4;
        if (headerLength < 20 || headerLength > ipPayloadWire) {
            return c.finish(DecodeOutcome.BAD_TCP_HEADER);
        }
        if (c.remaining() < headerLength) {
            return c.finish(DecodeOutcome.TRUNCATED_HEADER);
        }
        DecodedPacket p = out;
        p.srcPort = c.u16(c.pos);
        p.dstPort = c.u16(c.pos + 2);
        p.seq = c.i32(c.pos + 4);
        p.ack = c.i32(c.pos + 8);
        p.flags = c.buf[c.pos + 13] & 0x3f;
        p.window = c.u16(c.pos + 14);
        p.array = c.buf;
        p.tcpHeaderOffset = c.pos;
        p.tcpHeaderLength = headerLength;
        p.payloadOffset = c.pos + headerLength;
        p.wireLength = ipPayloadWire - headerLength;
        p.payloadLength = Math.min(p.wireLength, c.end - p.payloadOffset);
        p.session = sessions.name(p.sessionIndex);
        p.flowHash = FlowHash.of(p.srcAddrHi, p.srcAddrLo, p.srcPort, p.dstAddrHi, p.dstAddrLo, p.dstPort);
        return c.finish(DecodeOutcome.SEGMENT);
    }
}
