package io.periscope.mirror.encode;

import java.nio.ByteBuffer;

/**
 * Builds well-formed packets layer by layer (inside out), with correct IPv4 header and TCP/UDP
 * checksums. For tooling (sample capture generator, tests); it allocates per call and is not meant
 * for the packet path.
 */
public final class Frames {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88A8;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_TRANSPARENT_BRIDGING = 0x6558;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    private Frames() {
    }

    public static byte[] ethernet(long dstMac, long srcMac, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        putMac(b, dstMac);
        putMac(b, srcMac);
        b.putShort((short) etherType);
        return b.put(payload).array();
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            b.put((byte) (mac >>> shift));
        }
    }

    /** IPv4 with header checksum; a TCP or UDP payload gets its checksum filled in. Don't-fragment set. */
    public static byte[] ipv4(int src, int dst, int protocol, int id, byte[] payload) {
        return ipv4(src, dst, protocol, id, 64, new byte[0], payload);
    }

    public static byte[] ipv4(int src, int dst, int protocol, int id, int ttl, byte[] options, byte[] payload) {
        int headerLength = 20 + ((options.length + 3) & ~3);
        byte[] transport = payload.clone();
        fillTransportChecksum(transport, protocol, pseudoHeaderSum4(src, dst, protocol, transport.length));
        ByteBuffer b = ByteBuffer.allocate(headerLength + transport.length);
        b.put((byte) (0x40 | headerLength / 4)).put((byte) 0).putShort((short) (headerLength + transport.length))
                .putShort((short) id).putShort((short) 0x4000).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .putInt(src).putInt(dst).put(options);
        b.position(headerLength);
        byte[] out = b.put(transport).array();
        int sum = checksum(out, 0, headerLength, 0);
        out[10] = (byte) (sum >>> 8);
        out[11] = (byte) sum;
        return out;
    }

    /** IPv6 with the given extension headers (already chained: {@code firstHeader} names the first one). */
    public static byte[] ipv6(byte[] src, byte[] dst, int firstHeader, byte[] extensionHeaders, int protocol, byte[] payload) {
        byte[] transport = payload.clone();
        long sum = 0;
        for (int i = 0; i < 16; i += 2) {
            sum += ((src[i] & 0xff) << 8 | (src[i + 1] & 0xff)) + ((dst[i] & 0xff) << 8 | (dst[i + 1] & 0xff));
        }
        sum += protocol + transport.length;
        fillTransportChecksum(transport, protocol, sum);
        ByteBuffer b = ByteBuffer.allocate(40 + extensionHeaders.length + transport.length);
        b.putInt(0x6000_0000).putShort((short) (extensionHeaders.length + transport.length))
                .put((byte) firstHeader).put((byte) 64).put(src).put(dst).put(extensionHeaders).put(transport);
        return b.array();
    }

    public static byte[] tcp(int srcPort, int dstPort, int seq, int ack, int flags, int window, byte[] options, byte[] payload) {
        int headerLength = 20 + ((options.length + 3) & ~3);
        ByteBuffer b = ByteBuffer.allocate(headerLength + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack)
                .put((byte) (headerLength / 4 << 4)).put((byte) flags).putShort((short) window)
                .putShort((short) 0).putShort((short) 0).put(options);
        b.position(headerLength);
        return b.put(payload).array();
    }

    public static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        return ByteBuffer.allocate(8 + payload.length).putShort((short) srcPort).putShort((short) dstPort)
                .putShort((short) (8 + payload.length)).putShort((short) 0).put(payload).array();
    }

    /** VXLAN header (flags 0x08: VNI present) followed by the inner Ethernet frame. */
    public static byte[] vxlan(int vni, byte[] innerFrame) {
        return ByteBuffer.allocate(8 + innerFrame.length).put((byte) 0x08).put(new byte[3])
                .putInt(vni << 8).put(innerFrame).array();
    }

    /** GENEVE header with opaque options (length a multiple of 4) and the given protocol type. */
    public static byte[] geneve(int vni, int protocolType, byte[] options, byte[] inner) {
        return ByteBuffer.allocate(8 + options.length + inner.length).put((byte) (options.length / 4)).put((byte) 0)
                .putShort((short) protocolType).putInt(vni << 8).put(options).put(inner).array();
    }

    /** What AWS Traffic Mirroring sends: outer Ethernet/IPv4/UDP to port 4789 around a VXLAN-wrapped frame. */
    public static byte[] mirrored(int outerSrc, int outerDst, int outerSrcPort, int vni, byte[] innerFrame) {
        byte[] udp = udp(outerSrcPort, 4789, vxlan(vni, innerFrame));
        return ethernet(0x0602_0000_0002L, 0x0602_0000_0001L, ETHERTYPE_IPV4, ipv4(outerSrc, outerDst, PROTO_UDP, 0, udp));
    }

    public static int ipv4Address(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    private static long pseudoHeaderSum4(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
    }

    private static void fillTransportChecksum(byte[] transport, int protocol, long pseudoSum) {
        int at = protocol == PROTO_TCP ? 16 : protocol == PROTO_UDP ? 6 : -1;
        if (at < 0 || transport.length < at + 2) {
            return;
        }
        transport[at] = 0;
        transport[at + 1] = 0;
        int sum = checksum(transport, 0, transport.length, pseudoSum);
        if (protocol == PROTO_UDP && sum == 0) {
            sum = 0xFFFF;
        }
        transport[at] = (byte) (sum >>> 8);
        transport[at + 1] = (byte) sum;
    }

    /** RFC 1071 Internet checksum. */
    static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (data[i] & 0xff) << 8;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
