package io.periscope.mirror.decode;

import io.periscope.mirror.encode.Frames;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-built packets shared by the decoder tests. */
final class TestPackets {
    static final int CLIENT = Frames.ipv4Address(10, 0, 1, 25);
    static final int SERVER = Frames.ipv4Address(10, 0, 2, 80);
    static final int OUTER_SRC = Frames.ipv4Address(172, 31, 0, 238);
    static final int OUTER_DST = Frames.ipv4Address(172, 31, 17, 188);
    static final long MAC_A = 0x0A00_0000_0001L;
    static final long MAC_B = 0x0A00_0000_0002L;
    static final byte[] REQUEST = "GET /api/users/42 HTTP/1.1\r\nHost: shop.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private TestPackets() {
    }

    static byte[] tcpRequest() {
        return Frames.tcp(51000, 80, 1000, 2000, 0x18, 502, new byte[0], REQUEST);
    }

    static byte[] innerFrame() {
        return Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 7, tcpRequest()));
    }

    static byte[] mirrored(int vni) {
        return Frames.mirrored(OUTER_SRC, OUTER_DST, 65408, vni, innerFrame());
    }

    static byte[] ipv6(int a) {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        address[15] = (byte) a;
        return address;
    }

    /** An Ethernet frame with 802.1Q (or 802.1ad) tags between the MAC addresses and the ethertype. */
    static byte[] vlanTagged(long dstMac, long srcMac, int[] tagTypes, int[] vlanIds, int etherType, byte[] payload) {
        byte[] untagged = Frames.ethernet(dstMac, srcMac, etherType, payload);
        ByteBuffer b = ByteBuffer.allocate(untagged.length + 4 * tagTypes.length);
        b.put(untagged, 0, 12);
        for (int i = 0; i < tagTypes.length; i++) {
            b.putShort((short) tagTypes[i]);
            b.putShort((short) (vlanIds[i] & 0x0FFF));
        }
        return b.put(untagged, 12, untagged.length - 12).array();
    }
}
