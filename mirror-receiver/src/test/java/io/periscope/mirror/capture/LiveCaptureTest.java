package io.periscope.mirror.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.HealthCheckConfig;
import io.periscope.mirror.config.LiveCaptureConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.encode.Frames;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Captures VXLAN datagrams on the loopback interface through libpcap. Skips when libpcap is missing
 * or the process may not capture (needs root or CAP_NET_RAW).
 */
class LiveCaptureTest {

    @Test
    void vxlanDatagramsCapturedOnLoopbackWithABpfFilterReachTheSinks() throws Exception {
        Assumptions.assumeTrue(LiveCapture.libpcapVersion() != null, "libpcap not installed");
        int port = ThreadLocalRandom.current().nextInt(20000, 60000);
        List<String> payloads = new CopyOnWriteArrayList<>();
        SegmentSink sink = new SegmentSink() {
            @Override
            public void onSegment(TcpSegment s) {
                payloads.add(s.session() + "/" + s.vni() + "/" + new String(s.payloadArray(), s.payloadOffset(), s.payloadLength(), StandardCharsets.US_ASCII));
            }

            @Override
            public void onTick(long nowMicros) {
            }

            @Override
            public void onClose() {
            }
        };
        ReceiverConfig d = ReceiverConfig.defaults();
        ReceiverConfig config = new ReceiverConfig(
                new UdpConfig(false, "127.0.0.1", 0, 0, 1, 1 << 20, 1, 9216, false),
                new HealthCheckConfig(false, "127.0.0.1", 0),
                new DecoderConfig(Set.of(port), Set.of(), 3, 4),
                d.sessions(), d.dedup(), d.dispatch(),
                new LiveCaptureConfig("lo", "udp and dst port " + port, 65535, false, Duration.ofMillis(20)));
        MirrorReceiver receiver = new MirrorReceiver(config, (w, n) -> sink, new SimpleMeterRegistry());
        try {
            receiver.start();
        } catch (IOException e) {
            Assumptions.abort("cannot capture on lo here: " + e.getMessage());
        }
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        try (DatagramChannel sender = DatagramChannel.open()) {
            // libpcap is attached once start() returns, its kernel filter a moment later: probe until a packet comes through
            AtomicInteger probes = new AtomicInteger();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
                sender.send(ByteBuffer.wrap(datagram(78, 1000 + probes.getAndIncrement(), "probe")), target);
                return !payloads.isEmpty();
            });
            for (int i = 0; i < 10; i++) {
                sender.send(ByteBuffer.wrap(datagram(77, i, "hello-" + i)), target);
                sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress("127.0.0.1", port + 1)); // filtered out
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> hellos(payloads).size() == 10);
        } finally {
            receiver.close();
        }
        assertThat(hellos(payloads)).hasSize(10).first().isEqualTo("unknown/77/hello-0");
        ReceiverStats stats = receiver.stats();
        assertThat(stats.received()).as("the BPF filter kept the other port out").isEqualTo(payloads.size());
        assertThat(stats.decoded()).isEqualTo(payloads.size());
    }

    private static byte[] datagram(int vni, int seq, String payload) {
        byte[] tcp = Frames.tcp(40000, 80, seq, 1, 0x18, 10, new byte[0], payload.getBytes(StandardCharsets.US_ASCII));
        byte[] inner = Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, Frames.ipv4(0x0a000001, 0x0a000002, Frames.PROTO_TCP, seq, tcp));
        return Frames.vxlan(vni, inner);
    }

    private static List<String> hellos(List<String> payloads) {
        return payloads.stream().filter(p -> !p.endsWith("/probe")).toList();
    }
}
