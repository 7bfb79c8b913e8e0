package io.periscope.mirror.decode;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.encode.Frames;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static io.periscope.mirror.decode.TestPackets.CLIENT;
import static io.periscope.mirror.decode.TestPackets.MAC_A;
import static io.periscope.mirror.decode.TestPackets.MAC_B;
import static io.periscope.mirror.decode.TestPackets.OUTER_DST;
import static io.periscope.mirror.decode.TestPackets.OUTER_SRC;
import static io.periscope.mirror.decode.TestPackets.REQUEST;
import static io.periscope.mirror.decode.TestPackets.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

class PacketDecoderTest {
    private static final SessionConfig SESSIONS = new SessionConfig(Map.of(5569041, "prod-web", 77, "staging"),
            SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default");

    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(SESSIONS));

    private DecodeOutcome decode(byte[] packet, LinkType link) {
        return decoder.decode(packet, 0, packet.length, link, 1_700_000_000_000_000L);
    }

    private String payload() {
        DecodedPacket p = decoder.packet();
        return new String(p.payloadArray(), p.payloadOffset(), p.payloadLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void awsMirroredPacketDecodesToInnerSegmentWithSessionAndVni() {
        assertThat(decode(TestPackets.mirrored(5569041), LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        DecodedPacket p = decoder.packet();
        assertThat(p.session()).isEqualTo("prod-web");
        assertThat(p.vni()).isEqualTo(5569041);
        assertThat(p.encapsulations()).isEqualTo(1);
        assertThat(p.srcAddrLo()).isEqualTo(0x0000_FFFF_0000_0000L | (CLIENT & 0xFFFF_FFFFL));
        assertThat(p.dstAddrLo()).isEqualTo(0x0000_FFFF_0000_0000L | (SERVER & 0xFFFF_FFFFL));
        assertThat(p.srcAddrHi()).isZero();
        assertThat(p.srcPort()).isEqualTo(51000);
        assertThat(p.dstPort()).isEqualTo(80);
        assertThat(p.seq()).isEqualTo(1000);
        assertThat(p.ack()).isEqualTo(2000);
        assertThat(p.flags()).isEqualTo(TcpSegment.PSH | TcpSegment.ACK);
        assertThat(p.window()).isEqualTo(502);
        assertThat(p.ipId()).isEqualTo(7);
        assertThat(p.ipv6()).isFalse();
        assertThat(payload()).isEqualTo(new String(REQUEST, StandardCharsets.US_ASCII));
        assertThat(p.wireLength()).isEqualTo(REQUEST.length);
        assertThat(p.truncated()).isFalse();
        assertThat(p.timestampMicros()).isEqualTo(1_700_000_000_000_000L);
    }

    @Test
    void udpReceiverDatagramStartsAtTheVxlanHeader() {
        byte[] datagram = Frames.vxlan(77, TestPackets.innerFrame());
        assertThat(decode(datagram, LinkType.VXLAN)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().session()).isEqualTo("staging");
        assertThat(payload()).startsWith("GET /api/users/42");
    }

    @Test
    void vxlanFlagsAndReservedBitsAreIgnored() {
        byte[] datagram = Frames.vxlan(77, TestPackets.innerFrame());
        datagram[0] = (byte) 0xff;
        datagram[1] = (byte) 0xa5;
        datagram[7] = (byte) 0x5a;
        assertThat(decode(datagram, LinkType.VXLAN)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().vni()).isEqualTo(77);
    }

    @Test
    void unknownVniIsAcceptedUnderTheSharedUnknownSession() {
        assertThat(decode(TestPackets.mirrored(123456), LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().session()).isEqualTo("unknown");
        assertThat(decoder.packet().vni()).isEqualTo(123456);
    }

    @Test
    void unknownVniIsDroppedUnderDropPolicy() {
        PacketDecoder strict = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(
                new SessionConfig(Map.of(1, "a"), SessionConfig.UnknownVniPolicy.DROP, "unknown", "default")));
        byte[] packet = TestPackets.mirrored(2);
        assertThat(strict.decode(packet, 0, packet.length, LinkType.ETHERNET, 0)).isEqualTo(DecodeOutcome.UNKNOWN_VNI);
        packet = TestPackets.mirrored(1);
        assertThat(strict.decode(packet, 0, packet.length, LinkType.ETHERNET, 0)).isEqualTo(DecodeOutcome.SEGMENT);
    }

    @Test
    void plainTrafficGetsThePlainSessionAndNoVni() {
        assertThat(decode(TestPackets.innerFrame(), LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().session()).isEqualTo("default");
        assertThat(decoder.packet().vni()).isEqualTo(-1);
        assertThat(decoder.packet().encapsulations()).isZero();
    }

    @Test
    void outerVlanTagBeforeVxlanAndQinQInsideAreBothPeeled() {
        byte[] inner = Frames.vlanTagged(MAC_B, MAC_A, new int[] {Frames.ETHERTYPE_QINQ, Frames.ETHERTYPE_VLAN}, new int[] {100, 200},
                Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, TestPackets.tcpRequest()));
        byte[] outerIp = Frames.ipv4(OUTER_SRC, OUTER_DST, Frames.PROTO_UDP, 0, Frames.udp(65000, 4789, Frames.vxlan(77, inner)));
        byte[] outer = Frames.vlanTagged(MAC_B, MAC_A, new int[] {Frames.ETHERTYPE_VLAN}, new int[] {5}, Frames.ETHERTYPE_IPV4, outerIp);
        assertThat(decode(outer, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().session()).isEqualTo("staging");
        assertThat(payload()).startsWith("GET ");
    }

    @Test
    void tooManyVlanTagsAreCountedAsMalformed() {
        int[] types = new int[5];
        Arrays.fill(types, Frames.ETHERTYPE_VLAN);
        byte[] frame = Frames.vlanTagged(MAC_B, MAC_A, types, new int[5], Frames.ETHERTYPE_IPV4,
                Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, TestPackets.tcpRequest()));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.TOO_MANY_VLAN_TAGS);
    }

    @Test
    void ipv4OptionsAndTcpOptionsAreSkippedByTheirLengths() {
        byte[] tcpOptions = {2, 4, 0x05, (byte) 0xb4, 1, 3, 3, 7, 4, 2, 1, 1}; // MSS, NOP, window scale, SACK permitted, padding
        byte[] tcp = Frames.tcp(51000, 443, 5, 6, TcpSegment.SYN, 64240, tcpOptions, "x".getBytes(StandardCharsets.US_ASCII));
        byte[] ipOptions = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}; // router alert + NOPs + end
        byte[] frame = Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 9, 64, ipOptions, tcp));
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().tcpHeaderLength()).isEqualTo(32);
        assertThat(decoder.packet().hasFlag(TcpSegment.SYN)).isTrue();
        assertThat(payload()).isEqualTo("x");
    }

    @Test
    void ethernetPaddingIsNotTakenAsPayload() {
        byte[] tcp = Frames.tcp(51000, 80, 1, 1, TcpSegment.ACK, 100, new byte[0], new byte[0]);
        byte[] frame = Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, tcp));
        byte[] padded = Arrays.copyOf(frame, 60);
        assertThat(decode(padded, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().payloadLength()).isZero();
        assertThat(decoder.packet().wireLength()).isZero();
    }

    @Test
    void packetTruncatedByTheMirrorSessionKeepsItsWireLength() {
        byte[] packet = TestPackets.mirrored(77);
        int cut = packet.length - 20;
        assertThat(decoder.decode(packet, 0, cut, LinkType.ETHERNET, 0)).isEqualTo(DecodeOutcome.SEGMENT);
        DecodedPacket p = decoder.packet();
        assertThat(p.wireLength()).isEqualTo(REQUEST.length);
        assertThat(p.payloadLength()).isEqualTo(REQUEST.length - 20);
        assertThat(p.truncated()).isTrue();
    }

    @Test
    void tsoFrameWithZeroTotalLengthUsesTheCapturedBytes() {
        byte[] body = new byte[9000];
        Arrays.fill(body, (byte) 'a');
        byte[] ip = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, Frames.tcp(1, 80, 1, 1, 0x18, 1, new byte[0], body));
        ip[2] = 0;
        ip[3] = 0;
        byte[] frame = Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, ip);
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().payloadLength()).isEqualTo(9000);
        assertThat(decoder.packet().wireLength()).isEqualTo(9000);
    }

    @Test
    void ipv4FragmentsAreCountedAndDropped() {
        byte[] ip = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, TestPackets.tcpRequest());
        ip[6] = 0x20; // more fragments
        ip[7] = 0;
        assertThat(decode(ip, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.IP_FRAGMENT);
        ip[6] = 0;
        ip[7] = 10; // offset 80, last fragment
        assertThat(decode(ip, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.IP_FRAGMENT);
    }

    @Test
    void ipv6ExtensionChainAndAtomicFragmentAreWalked() {
        byte[] hopByHop = {44, 0, 1, 4, 0, 0, 0, 0}; // next: fragment; PadN
        byte[] atomicFragment = {6, 0, 0, 0, 0x12, 0x34, 0x56, 0x78}; // next: TCP; offset 0, M=0
        byte[] ext = ByteBuffer.allocate(16).put(hopByHop).put(atomicFragment).array();
        byte[] ip = Frames.ipv6(TestPackets.ipv6(1), TestPackets.ipv6(2), 0, ext, Frames.PROTO_TCP, TestPackets.tcpRequest());
        assertThat(decode(Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV6, ip), LinkType.ETHERNET)).isEqualTo(DecodeOutcome.SEGMENT);
        DecodedPacket p = decoder.packet();
        assertThat(p.ipv6()).isTrue();
        assertThat(p.ipId()).isEqualTo(0x12345678);
        assertThat(p.srcAddrHi()).isEqualTo(0x2001_0db8_0000_0000L);
        assertThat(p.srcAddrLo()).isEqualTo(1);
        assertThat(p.dstAddrLo()).isEqualTo(2);
        assertThat(p.wireLength()).isEqualTo(REQUEST.length);
        assertThat(payload()).startsWith("GET ");
    }

    @Test
    void ipv6RealFragmentIsCountedAndDropped() {
        byte[] fragment = {6, 0, 0, 1, 0, 0, 0, 9}; // offset 0, M=1
        byte[] ip = Frames.ipv6(TestPackets.ipv6(1), TestPackets.ipv6(2), 44, fragment, Frames.PROTO_TCP, TestPackets.tcpRequest());
        assertThat(decode(ip, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.IP_FRAGMENT);
    }

    @Test
    void ipv6ExtensionLongerThanThePayloadIsMalformed() {
        byte[] routing = {6, (byte) 200, 0, 0, 0, 0, 0, 0};
        byte[] ip = Frames.ipv6(TestPackets.ipv6(1), TestPackets.ipv6(2), 43, routing, Frames.PROTO_TCP, TestPackets.tcpRequest());
        assertThat(decode(ip, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.BAD_IPV6_EXTENSION);
    }

    @Test
    void geneveWithOptionsAroundAnEthernetFrameIsDecoded() {
        byte[] options = new byte[8];
        byte[] datagram = Frames.geneve(99, Frames.ETHERTYPE_TRANSPARENT_BRIDGING, options, TestPackets.innerFrame());
        assertThat(decode(datagram, LinkType.GENEVE)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().vni()).isEqualTo(-1);
        assertThat(payload()).startsWith("GET ");
    }

    @Test
    void gatewayLoadBalancerGeneveAroundMirroredVxlanTakesTheSessionFromVxlan() {
        byte[] mirroredIp = Frames.ipv4(OUTER_SRC, OUTER_DST, Frames.PROTO_UDP, 0, Frames.udp(65001, 4789, Frames.vxlan(5569041, TestPackets.innerFrame())));
        byte[] datagram = Frames.geneve(4242, Frames.ETHERTYPE_IPV4, new byte[0], mirroredIp);
        assertThat(decode(datagram, LinkType.GENEVE)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().session()).isEqualTo("prod-web");
        assertThat(decoder.packet().encapsulations()).isEqualTo(2);
    }

    @Test
    void geneveWithUnknownVersionIsMalformed() {
        byte[] datagram = Frames.geneve(1, Frames.ETHERTYPE_TRANSPARENT_BRIDGING, new byte[0], TestPackets.innerFrame());
        datagram[0] = (byte) 0x40;
        assertThat(decode(datagram, LinkType.GENEVE)).isEqualTo(DecodeOutcome.BAD_TUNNEL_HEADER);
    }

    @Test
    void nestingBeyondTheDepthLimitIsRejected() {
        byte[] frame = TestPackets.innerFrame();
        for (int depth = 0; depth < 4; depth++) {
            frame = Frames.mirrored(OUTER_SRC, OUTER_DST, 60000 + depth, 10 + depth, frame);
        }
        assertThat(decode(frame, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.ENCAPSULATION_TOO_DEEP);
        PacketDecoder deep = new PacketDecoder(new DecoderConfig(Set.of(4789), Set.of(6081), 4, 2), new VniSessions(SESSIONS));
        assertThat(deep.decode(frame, 0, frame.length, LinkType.ETHERNET, 0)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(deep.packet().vni()).as("the outermost VNI names the session").isEqualTo(13);
    }

    @Test
    void nonTcpAndNonIpAreSkippedNotMalformed() {
        byte[] dns = Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_UDP, 1, Frames.udp(5353, 53, new byte[12])));
        assertThat(decode(dns, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.NOT_TCP);
        byte[] arp = Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_ARP, new byte[28]);
        assertThat(decode(arp, LinkType.ETHERNET)).isEqualTo(DecodeOutcome.NOT_IP);
        byte[] icmp = Frames.ipv4(CLIENT, SERVER, 1, 1, new byte[8]);
        assertThat(decode(icmp, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.NOT_TCP);
    }

    @Test
    void tcpDataOffsetBelowFiveWordsIsMalformed() {
        byte[] tcp = TestPackets.tcpRequest();
        tcp[12] = 0x40;
        assertThat(decode(Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, tcp), LinkType.RAW_IP)).isEqualTo(DecodeOutcome.BAD_TCP_HEADER);
    }

    @Test
    void ipVersionOtherThanFourOrSixIsMalformed() {
        byte[] ip = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, TestPackets.tcpRequest());
        ip[0] = 0x55;
        assertThat(decode(ip, LinkType.RAW_IP)).isEqualTo(DecodeOutcome.BAD_IP_VERSION);
        assertThat(decode(Frames.ethernet(MAC_B, MAC_A, Frames.ETHERTYPE_IPV4, ip), LinkType.ETHERNET)).isEqualTo(DecodeOutcome.BAD_IP_VERSION);
    }

    @Test
    void everyPrefixOfAMirroredPacketDecodesWithoutReadingPastTheCut() {
        byte[] packet = TestPackets.mirrored(77);
        int payloadStart = packet.length - REQUEST.length;
        for (int cut = 0; cut <= packet.length; cut++) {
            // Bytes past the cut are garbage the decoder must not look at.
            byte[] buffer = Arrays.copyOf(packet, packet.length + 64);
            Arrays.fill(buffer, cut, buffer.length, (byte) 0xEE);
            DecodeOutcome outcome = decoder.decode(buffer, 0, cut, LinkType.ETHERNET, 0);
            if (cut < payloadStart) {
                assertThat(outcome).as("cut at %d", cut).isEqualTo(DecodeOutcome.TRUNCATED_HEADER);
            } else {
                assertThat(outcome).as("cut at %d", cut).isEqualTo(DecodeOutcome.SEGMENT);
                assertThat(decoder.packet().payloadLength()).isEqualTo(cut - payloadStart);
                assertThat(decoder.packet().wireLength()).isEqualTo(REQUEST.length);
            }
        }
    }

    @Test
    void decodingStartsAtAnOffsetInsideALargerBuffer() {
        byte[] packet = TestPackets.mirrored(77);
        byte[] buffer = new byte[packet.length + 100];
        System.arraycopy(packet, 0, buffer, 37, packet.length);
        assertThat(decoder.decode(buffer, 37, packet.length, LinkType.ETHERNET, 0)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(payload()).startsWith("GET ");
    }

    @Test
    void linuxCookedAndLoopbackLinkTypesReachTheIpHeader() {
        byte[] ip = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, TestPackets.tcpRequest());
        byte[] sll = ByteBuffer.allocate(16 + ip.length).putShort((short) 0).putShort((short) 1).putShort((short) 6)
                .put(new byte[8]).putShort((short) 0x0800).put(ip).array();
        assertThat(decode(sll, LinkType.LINUX_SLL)).isEqualTo(DecodeOutcome.SEGMENT);
        byte[] sll2 = ByteBuffer.allocate(20 + ip.length).putShort((short) 0x0800).putShort((short) 0).putInt(2)
                .putShort((short) 1).put((byte) 0).put((byte) 6).put(new byte[8]).put(ip).array();
        assertThat(decode(sll2, LinkType.LINUX_SLL2)).isEqualTo(DecodeOutcome.SEGMENT);
        byte[] nullLittleEndian = ByteBuffer.allocate(4 + ip.length).put(new byte[] {2, 0, 0, 0}).put(ip).array();
        assertThat(decode(nullLittleEndian, LinkType.BSD_NULL)).isEqualTo(DecodeOutcome.SEGMENT);
        byte[] nullBigEndian = ByteBuffer.allocate(4 + ip.length).putInt(2).put(ip).array();
        assertThat(decode(nullBigEndian, LinkType.BSD_NULL)).isEqualTo(DecodeOutcome.SEGMENT);
        byte[] ip6 = Frames.ipv6(TestPackets.ipv6(1), TestPackets.ipv6(2), 6, new byte[0], Frames.PROTO_TCP, TestPackets.tcpRequest());
        byte[] loop = ByteBuffer.allocate(4 + ip6.length).putInt(24).put(ip6).array();
        assertThat(decode(loop, LinkType.BSD_LOOP)).isEqualTo(DecodeOutcome.SEGMENT);
        assertThat(decoder.packet().ipv6()).isTrue();
    }

    @Test
    void flowHashIsEqualForBothDirectionsAndIgnoresTheSession() {
        byte[] request = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, Frames.tcp(51000, 80, 1, 1, 0x10, 1, new byte[0], new byte[0]));
        byte[] response = Frames.ipv4(SERVER, CLIENT, Frames.PROTO_TCP, 1, Frames.tcp(80, 51000, 1, 1, 0x10, 1, new byte[0], new byte[0]));
        decode(request, LinkType.RAW_IP);
        int forward = decoder.packet().flowHash();
        decode(response, LinkType.RAW_IP);
        assertThat(decoder.packet().flowHash()).isEqualTo(forward);
        decode(Frames.vxlan(77, Frames.ethernet(MAC_A, MAC_B, Frames.ETHERTYPE_IPV4, response)), LinkType.VXLAN);
        assertThat(decoder.packet().flowHash()).isEqualTo(forward);
        byte[] otherPort = Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, 1, Frames.tcp(51001, 80, 1, 1, 0x10, 1, new byte[0], new byte[0]));
        decode(otherPort, LinkType.RAW_IP);
        assertThat(decoder.packet().flowHash()).isNotEqualTo(forward);
    }
}
