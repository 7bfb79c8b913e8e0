package io.periscope.mirror.synthetic;

import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.IngestSummary;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SyntheticTrafficTest {
    @TempDir
    Path dir;

    /** Counts what a decoder sees, independently of reassembly: handshakes and request start lines. */
    private static final class Census implements SegmentSink {
        long syns;
        long fins;
        long requestStarts;
        long chunkedResponses;
        long gzipResponses;
        final Set<String> flows = new HashSet<>();

        @Override
        public void onSegment(TcpSegment s) {
            flows.add(s.srcPort() + ">" + s.dstPort() + "/" + s.srcAddrLo() + ">" + s.dstAddrLo());
            if (s.hasFlag(TcpSegment.SYN) && !s.hasFlag(TcpSegment.ACK)) {
                syns++;
            }
            if (s.hasFlag(TcpSegment.FIN)) {
                fins++;
            }
            String head = new String(s.payloadArray(), s.payloadOffset(), Math.min(s.payloadLength(), 400), StandardCharsets.ISO_8859_1);
            if (head.startsWith("GET ") || head.startsWith("POST ")) {
                requestStarts++;
            }
            if (head.startsWith("HTTP/1.1 ") && head.contains("Transfer-Encoding: chunked")) {
                chunkedResponses++;
            }
            if (head.startsWith("HTTP/1.1 ") && head.contains("Content-Encoding: gzip")) {
                gzipResponses++;
            }
        }

        @Override
        public void onTick(long nowMicros) {
        }

        @Override
        public void onClose() {
        }
    }

    @Test
    void everyGeneratedPacketDecodesAndTheTotalsMatchWhatTheCaptureHolds() throws IOException {
        Path file = dir.resolve("synthetic.pcap");
        TrafficSpec spec = TrafficSpec.realistic(300, 42).withConcurrentConnections(120);
        Totals totals = SyntheticCapture.write(spec, file);

        Census census = new Census();
        IngestSummary summary = CaptureFiles.ingest(file, census);

        assertThat(summary.packetsRead()).isEqualTo(totals.packets());
        assertThat(summary.segmentsDelivered()).isEqualTo(totals.packets());
        assertThat(summary.skipped()).isZero();
        assertThat(totals.connections()).isEqualTo(300);
        assertThat(census.syns).isEqualTo(300);
        assertThat(census.fins).isEqualTo(600);
        assertThat(census.requestStarts).isEqualTo(totals.exchanges());
        assertThat(totals.exchanges()).isBetween(300L * 8, 300L * 12);
        assertThat(census.chunkedResponses).isPositive();
        assertThat(census.gzipResponses).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException, NoSuchAlgorithmException {
        TrafficSpec spec = TrafficSpec.realistic(50, 7);
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path c = dir.resolve("c.pcap");
        SyntheticCapture.write(spec, a);
        SyntheticCapture.write(spec, b);
        SyntheticCapture.write(TrafficSpec.realistic(50, 8), c);
        assertThat(sha256(a)).isEqualTo(sha256(b)).isNotEqualTo(sha256(c));
    }

    @Test
    void connectionsInterleaveUpToTheConcurrencyAsked() throws IOException {
        TrafficSpec spec = TrafficSpec.realistic(2_000, 3).withConcurrentConnections(2_000).withVxlanVni(0);
        int[] open = {0};
        int[] maxOpen = {0};
        new SyntheticTraffic(spec).generate((micros, frame) -> {
            int flags = frame[14 + 20 + 13] & 0xFF;
            boolean fromClient = ((frame[14 + 20 + 2] & 0xFF) << 8 | (frame[14 + 20 + 3] & 0xFF)) == 8080;
            if ((flags & TcpSegment.SYN) != 0 && (flags & TcpSegment.ACK) == 0) {
                maxOpen[0] = Math.max(maxOpen[0], ++open[0]);
            } else if ((flags & TcpSegment.FIN) != 0 && fromClient) {
                open[0]--;
            }
        });
        assertThat(open[0]).isZero();
        // every connection is eligible from the start: most of them are open at the same time
        assertThat(maxOpen[0]).isGreaterThan(1_500);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
