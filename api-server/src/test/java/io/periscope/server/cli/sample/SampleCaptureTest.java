package io.periscope.server.cli.sample;

import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.IngestSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SampleCaptureTest {
    @TempDir
    Path dir;

    /** Client-to-server and server-to-client byte streams per connection, rebuilt from the segments. */
    private static final class StreamSink implements SegmentSink {
        final Map<String, OutputStreamBuffer> streams = new HashMap<>();
        int syns;
        int fins;
        int sessionsOtherThanDefault;
        int truncated;

        @Override
        public void onSegment(TcpSegment s) {
            if (s.hasFlag(TcpSegment.SYN)) {
                syns++;
            }
            if (s.hasFlag(TcpSegment.FIN)) {
                fins++;
            }
            if (s.truncated()) {
                truncated++;
            }
            if (s.vni() == SampleCaptureGenerator.VNI) {
                sessionsOtherThanDefault++;
            }
            String key = (s.dstPort() == SampleCaptureGenerator.SERVER_PORT ? "request:" + s.srcPort() : "response:" + s.dstPort());
            streams.computeIfAbsent(key, k -> new OutputStreamBuffer()).write(s.payloadArray(), s.payloadOffset(), s.payloadLength());
        }

        @Override
        public void onTick(long nowMicros) {
        }

        @Override
        public void onClose() {
        }

        String all(String prefix) {
            StringBuilder b = new StringBuilder();
            streams.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    b.append(v.text());
                }
            });
            return b.toString();
        }
    }

    private static final class OutputStreamBuffer {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        void write(byte[] a, int off, int len) {
            bytes.write(a, off, len);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertRealisticApiTraffic(Path file) throws IOException {
        StreamSink sink = new StreamSink();
        IngestSummary summary = CaptureFiles.ingest(file, sink);
        assertThat(summary.skippedByReason()).as("every packet decodes to a TCP segment").isEmpty();
        assertThat(summary.segmentsDelivered()).isEqualTo(summary.packetsRead()).isGreaterThan(50);
        assertThat(sink.sessionsOtherThanDefault).isEqualTo((int) summary.segmentsDelivered());
        assertThat(sink.truncated).isZero();
        assertThat(sink.syns).isEqualTo(2 * (sink.streams.size() / 2)); // SYN and SYN-ACK per connection
        assertThat(sink.fins).isEqualTo(sink.syns);
        String requests = sink.all("request:");
        String responses = sink.all("response:");
        assertThat(requests).contains("POST /api/v1/orders HTTP/1.1", "GET /api/v1/users/1001 HTTP/1.1", "DELETE /api/v1/orders/5001 HTTP/1.1",
                "Authorization: Bearer eyJ", "X-Api-Key: psk_test_", "4111111111111111", "@example.com");
        assertThat(responses).contains("HTTP/1.1 200", "HTTP/1.1 201", "HTTP/1.1 204", "HTTP/1.1 401", "HTTP/1.1 403", "HTTP/1.1 404",
                "HTTP/1.1 405", "HTTP/1.1 422", "HTTP/1.1 500", "application/json");
    }

    @Test
    void shippedSampleDecodesFullyIntoRealisticApiTraffic() throws IOException {
        assertRealisticApiTraffic(SampleCapture.extractTo(dir));
    }

    @Test
    void generatorRegeneratesAnEquivalentCaptureFromLiveTraffic() throws Exception {
        Path file = dir.resolve("regenerated.pcap");
        int packets = SampleCaptureGenerator.generate(file);
        assertThat(packets).isGreaterThan(50);
        assertRealisticApiTraffic(file);
    }

    @Test
    void sampleTokensAreWellFormedSignedJwts() {
        String token = SampleTraffic.jwt("{\"sub\":\"1\"}");
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(token).startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    }
}
