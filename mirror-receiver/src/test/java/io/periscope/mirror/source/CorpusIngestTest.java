package io.periscope.mirror.source;

import io.periscope.mirror.Corpus;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public capture of the shared corpus, checked against tshark's protocol hierarchy recorded in
 * its manifest: the TCP segments we deliver must be exactly the TCP frames tshark sees. Skips when the
 * corpus is absent.
 */
class CorpusIngestTest {

    /** Where we deliberately differ from tshark, and why. */
    private static final Map<String, Long> EXPECTED_OVERRIDES = Map.of(
            // GRE/ERSPAN is not a mirroring transport we decode (AWS uses VXLAN): counted as non_tcp
            "vxlan/arkime_gre-erspan-vxlan-http.pcap", 0L,
            // PPPoE sessions are not decoded: counted as non_ip
            "http/sv_bug-4810_pppoe-session-http.pcap", 0L,
            // tshark calls the BIG TCP frame (IPv4 total length 0) malformed; we bound it by the captured length
            "vxlan/tcpdump_bigtcp-ipv4-vxlan-ipv4.pcap", 1L);

    private static final Pattern ENTRY = Pattern.compile("\"path\": \"([^\"]+)\".*?\"phs_compact\": \"([^\"]*)\"", Pattern.DOTALL);
    private static final Pattern TCP = Pattern.compile("\\btcp:(\\d+)");

    private static ReceiverConfig withoutDedup() {
        DedupConfig d = DedupConfig.defaults();
        return ReceiverConfig.defaults().withDedup(new DedupConfig(false, d.window(), d.tableSize()));
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusCaptureDeliversTheTcpFramesTsharkSees() throws IOException {
        Path corpus = Corpus.directory();
        org.junit.jupiter.api.Assumptions.assumeTrue(corpus != null && Files.isRegularFile(corpus.resolve("manifest.json")),
                "shared corpus not available");
        String manifest = Files.readString(corpus.resolve("manifest.json"));
        Map<String, Long> expected = new LinkedHashMap<>();
        Matcher entry = ENTRY.matcher(manifest);
        while (entry.find()) {
            long tcp = 0;
            Matcher m = TCP.matcher(entry.group(2));
            while (m.find()) {
                tcp += Long.parseLong(m.group(1));
            }
            expected.put(entry.group(1), EXPECTED_OVERRIDES.getOrDefault(entry.group(1), tcp));
        }
        assertThat(expected).hasSizeGreaterThan(80);
        return expected.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            CountingSink sink = new CountingSink();
            IngestSummary summary = CaptureFiles.ingest(corpus.resolve(e.getKey()), sink, withoutDedup());
            assertThat(summary.segmentsDelivered()).as("%s: %s", e.getKey(), summary).isEqualTo(e.getValue());
            assertThat(sink.segments).isEqualTo(summary.segmentsDelivered());
            assertThat(summary.packetsRead()).isEqualTo(summary.segmentsDelivered() + summary.skipped());
            assertThat(sink.closed).isEqualTo(1);
        }));
    }

    @Test
    void realAwsTrafficMirrorCaptureCarriesSessionVniAndBothDirectionsShareAFlowHash() throws IOException {
        Path file = Corpus.fileOrSkip("vxlan/sv_vxlan-decoder-03_aws-traffic-mirror.pcap");
        Map<String, Integer> hashes = new LinkedHashMap<>();
        List<Integer> vnis = new ArrayList<>();
        IngestSummary summary = CaptureFiles.ingest(file, new CountingSink() {
            @Override
            public void onSegment(TcpSegment s) {
                super.onSegment(s);
                vnis.add(s.vni());
                long a = s.srcAddrLo() * 65536 + s.srcPort();
                long b = s.dstAddrLo() * 65536 + s.dstPort();
                hashes.merge(Math.min(a, b) + "-" + Math.max(a, b), s.flowHash(), (x, y) -> {
                    assertThat(y).isEqualTo(x);
                    return x;
                });
            }
        });
        assertThat(summary.packetsRead()).isEqualTo(100);
        assertThat(summary.segmentsDelivered()).isEqualTo(82);
        assertThat(summary.skipped("non_tcp")).isEqualTo(18);
        assertThat(vnis).containsOnly(5569041);
        assertThat(hashes).hasSize(4); // 4 SSH sessions
    }

    @Test
    void vxlanHttpExchangeIsDeliveredInFileOrderWithItsPayload() throws IOException {
        Path file = Corpus.fileOrSkip("vxlan/zeek_vxlan-encapsulated-http.pcap");
        StringBuilder payload = new StringBuilder();
        List<Long> times = new ArrayList<>();
        CaptureFiles.ingest(file, new CountingSink() {
            @Override
            public void onSegment(TcpSegment s) {
                super.onSegment(s);
                times.add(s.timestampMicros());
                payload.append(new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.ISO_8859_1));
            }
        });
        List<Long> fileOrder = new ArrayList<>();
        try (CaptureReader reader = CaptureFiles.open(file)) {
            while (reader.next()) {
                fileOrder.add(reader.timestampMicros());
            }
        }
        assertThat(times).hasSize(12).isEqualTo(fileOrder); // this capture's clock steps back once: order is the file's

        assertThat(payload.toString()).contains("GET /").contains("HTTP/1.1 200");
    }

    @Test
    void tsoSuperFrameIsDeliveredWholeBoundedByItsCapturedLength() throws IOException {
        Path file = Corpus.fileOrSkip("edge/tcpdump_ipv4_tcp_http_xml_tso.pcap");
        List<int[]> lengths = new ArrayList<>();
        CaptureFiles.ingest(file, new CountingSink() {
            @Override
            public void onSegment(TcpSegment s) {
                lengths.add(new int[] {s.payloadLength(), s.wireLength()});
                assertThat(new String(s.payloadArray(), s.payloadOffset(), 4, StandardCharsets.US_ASCII)).isEqualTo("POST");
            }
        });
        assertThat(lengths).hasSize(1);
        assertThat(lengths.get(0)[0]).isEqualTo(lengths.get(0)[1]).isGreaterThan(1400);
    }

    @Test
    void tripleVxlanIsDecodedAtDefaultDepthAndRefusedBelowIt() throws IOException {
        Path file = Corpus.fileOrSkip("vxlan/zeek_vxlan-triple-v2.pcap");
        assertThat(CaptureFiles.ingest(file, new CountingSink()).skipped("non_tcp")).isEqualTo(1);
        ReceiverConfig defaults = ReceiverConfig.defaults();
        ReceiverConfig shallow = defaults.withDecoder(new io.periscope.mirror.config.DecoderConfig(
                defaults.decoder().vxlanPorts(), defaults.decoder().genevePorts(), 2, 4));
        assertThat(CaptureFiles.ingest(file, new CountingSink(), shallow).skipped("encapsulation_too_deep")).isEqualTo(1);
    }

    @Test
    void ticksFollowTheCaptureClock() throws IOException {
        Path file = Corpus.fileOrSkip("vxlan/sv_vxlan-decoder-03_aws-traffic-mirror.pcap");
        CountingSink sink = new CountingSink();
        CaptureFiles.ingest(file, sink);
        assertThat(sink.ticks).isNotEmpty().isSorted();
        assertThat(sink.ticks.get(0)).isGreaterThan(1_500_000_000_000_000L); // capture time (2019), not 0
        for (int i = 1; i < sink.ticks.size() - 1; i++) {
            assertThat(sink.ticks.get(i) - sink.ticks.get(i - 1)).isGreaterThanOrEqualTo(1_000_000L);
        }
    }

    static class CountingSink implements SegmentSink {
        long segments;
        int closed;
        final List<Long> ticks = new ArrayList<>();

        @Override
        public void onSegment(TcpSegment segment) {
            segments++;
        }

        @Override
        public void onTick(long nowMicros) {
            ticks.add(nowMicros);
        }

        @Override
        public void onClose() {
            closed++;
        }
    }
}
