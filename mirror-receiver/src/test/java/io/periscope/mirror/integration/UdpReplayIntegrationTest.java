package io.periscope.mirror.integration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.config.HealthCheckConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.ReplaySummary;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replays captures over real UDP on loopback into a running receiver; every datagram must be accounted for. */
class UdpReplayIntegrationTest {
    @TempDir
    Path dir;

    private static final class CollectingSinks {
        final AtomicLong segments = new AtomicLong();
        final AtomicLong closes = new AtomicLong();
        final Map<String, Set<Integer>> workersByConnection = new ConcurrentHashMap<>();
        final StringBuffer payload = new StringBuffer();

        SegmentSink create(int worker, int workers) {
            return new SegmentSink() {
                @Override
                public void onSegment(TcpSegment s) {
                    segments.incrementAndGet();
                    int client = Math.max(s.srcPort(), s.dstPort());
                    workersByConnection.computeIfAbsent(s.session() + ":" + client, k -> ConcurrentHashMap.newKeySet()).add(worker);
                    payload.append(new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.ISO_8859_1));
                }

                @Override
                public void onTick(long nowMicros) {
                }

                @Override
                public void onClose() {
                    closes.incrementAndGet();
                }
            };
        }
    }

    private static ReceiverConfig config(boolean nativeTransport) {
        return new ReceiverConfig(
                new UdpConfig(true, "127.0.0.1", 0, 0, 2, 4 << 20, 32, 9216, nativeTransport),
                new HealthCheckConfig(true, "127.0.0.1", 0),
                DecoderConfig.defaults(),
                new SessionConfig(Map.of(SampleCapture.VNI, "shop-prod"), SessionConfig.UnknownVniPolicy.ACCEPT, "unknown", "default"),
                new DedupConfig(true, Duration.ofMillis(10), 4096),
                new DispatchConfig(2, 2L * 1048576), null);
    }

    private static void awaitReceived(MirrorReceiver receiver, long expected) {
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.stats().received(), received -> received >= expected);
    }

    private static void assertReconciles(ReceiverStats stats, long sent) {
        assertThat(stats.received()).as("datagrams the kernel delivered (loopback, paced: no loss expected)").isEqualTo(sent);
        assertThat(stats.decoded() + stats.skipped() + stats.malformed()).as("every received packet has one outcome").isEqualTo(stats.received());
        assertThat(stats.delivered() + stats.duplicates() + stats.queueDropped()).as("every decoded segment is delivered or counted").isEqualTo(stats.decoded());
    }

    @Test
    void sampleReplayedAsAwsWouldIsDecodedAndEveryDatagramAccountedFor() throws Exception {
        runSampleReplay(true);
    }

    @Test
    void nioFallbackReceivesTheSameWay() throws Exception {
        runSampleReplay(false);
    }

    private void runSampleReplay(boolean nativeTransport) throws Exception {
        CollectingSinks sinks = new CollectingSinks();
        MirrorReceiver receiver = new MirrorReceiver(config(nativeTransport), sinks::create, new SimpleMeterRegistry());
        receiver.start();
        ReplaySummary summary;
        Path sample = SampleCapture.extractTo(dir);
        try {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", receiver.udpPort());
            try (UdpReplayer replayer = new UdpReplayer(target, target, 1, 8); CaptureReader reader = CaptureFiles.open(sample)) {
                summary = replayer.replay(reader, Pacer.packetsPerSecond(20_000), Progress.NONE);
            }
            // a few hostile datagrams on top: empty, a lone VXLAN header, garbage inner Ethernet
            try (DatagramChannel raw = DatagramChannel.open()) {
                raw.send(ByteBuffer.allocate(0), target);
                raw.send(ByteBuffer.wrap(Frames.vxlan(7, new byte[0])), target);
                raw.send(ByteBuffer.wrap(Frames.vxlan(7, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 8, 0, 0x45})), target);
            }
            awaitReceived(receiver, summary.packetsSent() + 3);
            assertThat(receiver.transport()).isEqualTo(nativeTransport && io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
        } finally {
            receiver.close();
        }
        ReceiverStats stats = receiver.stats();
        assertThat(summary.skippedByReason()).isEmpty();
        assertReconciles(stats, summary.packetsSent() + 3);
        assertThat(stats.decodedBySession()).containsEntry("shop-prod", summary.packetsSent());
        assertThat(stats.malformedByReason()).containsEntry("truncated_header", 3L);
        assertThat(sinks.segments.get()).isEqualTo(stats.delivered());
        assertThat(sinks.closes.get()).isEqualTo(2);
        assertThat(sinks.workersByConnection).allSatisfy((connection, workers) -> assertThat(workers).hasSize(1));
        assertThat(sinks.payload.toString()).contains("POST /api/v1/orders HTTP/1.1");
    }

    @Test
    void plainCaptureIsWrappedInVxlanWithTheGivenVni() throws Exception {
        Path plain = dir.resolve("plain.pcap");
        try (var out = Files.newOutputStream(plain); var writer = new io.periscope.mirror.source.PcapWriter(out, 101, 65535)) {
            for (int i = 0; i < 50; i++) {
                writer.write(i, Frames.ipv4(Frames.ipv4Address(10, 0, 0, 1), Frames.ipv4Address(10, 0, 0, 2), Frames.PROTO_TCP, i,
                        Frames.tcp(40000 + i % 5, 443, i, 0, 0x10, 10, new byte[0], "abc".getBytes(StandardCharsets.US_ASCII))));
            }
        }
        CollectingSinks sinks = new CollectingSinks();
        MirrorReceiver receiver = new MirrorReceiver(config(true), sinks::create, new SimpleMeterRegistry());
        receiver.start();
        try {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", receiver.udpPort());
            try (UdpReplayer replayer = new UdpReplayer(target, target, 4242, 4); CaptureReader reader = CaptureFiles.open(plain)) {
                assertThat(replayer.replay(reader, Pacer.unlimited(), Progress.NONE).packetsSent()).isEqualTo(50);
            }
            awaitReceived(receiver, 50);
        } finally {
            receiver.close();
        }
        ReceiverStats stats = receiver.stats();
        assertReconciles(stats, 50);
        assertThat(stats.decodedBySession()).containsEntry("unknown", 50L);
        assertThat(sinks.workersByConnection.keySet()).hasSize(5).allMatch(k -> k.startsWith("unknown:"));
    }

    @Test
    void healthCheckListenerAcceptsAndClosesTcpConnections() throws Exception {
        MirrorReceiver receiver = new MirrorReceiver(config(true), new CollectingSinks()::create, new SimpleMeterRegistry());
        receiver.start();
        try {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket("127.0.0.1", receiver.healthPort()); InputStream in = socket.getInputStream()) {
                    socket.setSoTimeout(5000);
                    assertThat(in.read()).as("the listener closes at once").isEqualTo(-1);
                }
            }
        } finally {
            receiver.close();
        }
    }

    @Test
    void awsCorpusCaptureReplaysWithOneOuterPortPerInnerFlow() throws Exception {
        Path corpus = io.periscope.mirror.Corpus.fileOrSkip("vxlan/sv_vxlan-decoder-03_aws-traffic-mirror.pcap");
        CollectingSinks sinks = new CollectingSinks();
        MirrorReceiver receiver = new MirrorReceiver(config(true), sinks::create, new SimpleMeterRegistry());
        receiver.start();
        try {
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", receiver.udpPort());
            try (UdpReplayer replayer = new UdpReplayer(target, target, 1, 16); CaptureReader reader = CaptureFiles.open(corpus)) {
                assertThat(replayer.replay(reader, Pacer.packetsPerSecond(20_000), Progress.NONE).packetsSent()).isEqualTo(100);
            }
            awaitReceived(receiver, 100);
        } finally {
            receiver.close();
        }
        ReceiverStats stats = receiver.stats();
        assertReconciles(stats, 100);
        assertThat(stats.decoded()).isEqualTo(82);
        assertThat(stats.skippedByReason()).containsEntry("non_tcp", 18L);
    }
}
