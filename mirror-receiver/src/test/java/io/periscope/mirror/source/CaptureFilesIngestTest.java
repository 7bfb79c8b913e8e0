package io.periscope.mirror.source;

import io.periscope.mirror.encode.Frames;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureFilesIngestTest {
    private static final int CLIENT = Frames.ipv4Address(10, 0, 1, 25);
    private static final int SERVER = Frames.ipv4Address(10, 0, 2, 80);

    @TempDir
    Path dir;

    private static byte[] inner(int seq, int ipId, String payload) {
        return Frames.ethernet(2, 1, Frames.ETHERTYPE_IPV4, Frames.ipv4(CLIENT, SERVER, Frames.PROTO_TCP, ipId,
                Frames.tcp(50000, 80, seq, 1, 0x18, 100, new byte[0], payload.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void doubleMirroredCopiesFromTwoEnisAndVnisAreDeliveredOnceAndEveryPacketIsAccountedFor() throws IOException {
        Path file = dir.resolve("mirror.pcap");
        long t = 1_700_000_000_000_000L;
        try (OutputStream out = Files.newOutputStream(file); PcapWriter writer = new PcapWriter(out, PcapWriter.LINKTYPE_ETHERNET, 65535)) {
            byte[] first = inner(1, 10, "GET / HTTP/1.1\r\n");
            writer.write(t, Frames.mirrored(Frames.ipv4Address(172, 31, 0, 1), Frames.ipv4Address(172, 31, 9, 9), 65001, 100, first));
            // the same packet mirrored by the server's ENI, under another session's VNI, 80 µs later
            writer.write(t + 80, Frames.mirrored(Frames.ipv4Address(172, 31, 0, 2), Frames.ipv4Address(172, 31, 9, 9), 65002, 200, first));
            // a retransmission (new IP id, 300 ms later) is not a duplicate
            writer.write(t + 300_000, Frames.mirrored(Frames.ipv4Address(172, 31, 0, 1), Frames.ipv4Address(172, 31, 9, 9), 65001, 100, inner(1, 11, "GET / HTTP/1.1\r\n")));
            writer.write(t + 400_000, Frames.ethernet(2, 1, Frames.ETHERTYPE_ARP, new byte[28]));
            byte[] broken = inner(2, 12, "x");
            broken[14] = 0x35; // IPv4 header length 20 but version 3
            writer.write(t + 500_000, broken);
            byte[] last = inner(3, 13, "tail");
            writer.write(t + 2_600_000, last, 0, last.length, last.length);
        }
        // cut the file inside its last record, as a killed capture leaves it
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        List<String> payloads = new ArrayList<>();
        CorpusIngestTest.CountingSink sink = new CorpusIngestTest.CountingSink() {
            @Override
            public void onSegment(TcpSegment s) {
                super.onSegment(s);
                payloads.add(s.session() + ":" + new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.US_ASCII));
            }
        };
        IngestSummary summary = CaptureFiles.ingest(file, sink);

        assertThat(payloads).containsExactly("unknown:GET / HTTP/1.1\r\n", "unknown:GET / HTTP/1.1\r\n");
        assertThat(summary.packetsRead()).isEqualTo(6);
        assertThat(summary.segmentsDelivered()).isEqualTo(2);
        assertThat(summary.skippedByReason()).containsOnly(
                java.util.Map.entry("duplicate", 1L), java.util.Map.entry("non_ip", 1L),
                java.util.Map.entry("bad_ip_version", 1L), java.util.Map.entry("truncated_record", 1L));
        assertThat(summary.packetsRead()).isEqualTo(summary.segmentsDelivered() + summary.skipped());
        assertThat(sink.closed).isEqualTo(1);
        assertThat(sink.ticks).first().isEqualTo(t);
    }
}
