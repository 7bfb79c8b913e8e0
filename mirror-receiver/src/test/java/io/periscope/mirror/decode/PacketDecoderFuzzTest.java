package io.periscope.mirror.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.SessionConfig;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the decoder with arbitrary bytes as every link type. Runs as a regression test over the seeds
 * in {@code PacketDecoderFuzzTestInputs} by default; fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -pl mirror-receiver -am test -Dtest=PacketDecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PacketDecoderFuzzTest {
    private static final LinkType[] LINKS = LinkType.values();
    private static final int SENTINEL_BYTES = 128;

    private final PacketDecoder decoder = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(
            new SessionConfig(Map.of(1, "one"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default")));
    private final PacketDecoder twin = new PacketDecoder(DecoderConfig.defaults(), new VniSessions(
            new SessionConfig(Map.of(1, "one"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default")));

    /** Byte 0 picks the link type; the rest is the captured packet. */
    @FuzzTest(maxDuration = "10m")
    void decodeNeverThrowsNorReadsPastTheCapturedBytes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        LinkType link = LINKS[(input[0] & 0xff) % LINKS.length];
        int length = input.length - 1;
        // Same packet twice: once followed by 0x00 garbage, once by 0xFF garbage. Any read past the
        // captured length would make the two decodes differ.
        byte[] zeros = Arrays.copyOfRange(input, 1, input.length + SENTINEL_BYTES);
        byte[] ones = Arrays.copyOf(zeros, zeros.length);
        Arrays.fill(ones, length, ones.length, (byte) 0xFF);
        DecodeOutcome outcome = decoder.decode(zeros, 0, length, link, 42);
        DecodeOutcome other = twin.decode(ones, 0, length, link, 42);
        assertThat(other).isEqualTo(outcome);
        if (outcome == DecodeOutcome.SEGMENT) {
            DecodedPacket p = decoder.packet();
            DecodedPacket q = twin.packet();
            assertThat(p.payloadLength()).isBetween(0, p.wireLength());
            assertThat(p.payloadOffset() + p.payloadLength()).isLessThanOrEqualTo(length);
            assertThat(p.tcpHeaderLength()).isBetween(20, 60);
            assertThat(p.tcpHeaderOffset() + p.tcpHeaderLength()).isEqualTo(p.payloadOffset());
            assertThat(new long[] {q.seq(), q.ack(), q.wireLength(), q.payloadLength(), q.flowHash(), q.vni()})
                    .containsExactly(p.seq(), p.ack(), p.wireLength(), p.payloadLength(), p.flowHash(), p.vni());
            assertThat(p.session()).isIn("one", "unknown", "default");
        }
        if (decoder.outerTunnelOffset() >= 0) {
            assertThat(decoder.outerTunnelOffset() + decoder.outerTunnelLength()).isLessThanOrEqualTo(length);
        }
    }
}
