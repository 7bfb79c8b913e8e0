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

import static org.assertj.core.api.Assertions.assertThat;

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
        ReceiverConfig config = ReceiverConfig.defaults()
                .withUdp(new UdpConfig(false, "127.0.0.1", 0, 0, 1, 1 << 20, 1, 9216, false))
                .withHealth(new HealthCheckConfig(false, "127.0.0.1", 0))
                .withDecoder(new DecoderConfig(Set.of(port), Set.of(), 3, 4))
                .withLive(new LiveCaptureConfig("lo", "udp and dst port " + port, 65535, false, Duration.ofMillis(20)));
        MirrorReceiver receiver = new MirrorReceiver(config, (w, n) -> sink, new SimpleMeterRegistry());
        try {
            receiver.start();
        } catch (IOException e) {
            Assumptions.abort("cannot capture on lo here: " + e.getMessage());
        }
        try (DatagramChannel sender = DatagramChannel.open()) {
            Thread.sleep(200); // libpcap is attached once start() returns; give the kernel filter a moment
            for (int i = 0; i < 10; i++) {
                byte[] tcp = Frames.tcp(40000, 80, i, 1, 0x18, 10, new byte[0], ("hello-" + i).getBytes(StandardCharsets.US_ASCII));
                byte[] inner = Frames.ethernet(1, 2, Frames.ETHERTYPE_IPV4, Frames.ipv4(0x0a000001, 0x0a000002, Frames.PROTO_TCP, i, tcp));
                sender.send(ByteBuffer.wrap(Frames.vxlan(77, inner)), new InetSocketAddress("127.0.0.1", port));
                sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress("127.0.0.1", port + 1)); // filtered out
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (payloads.size() < 10 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            receiver.close();
        }
        assertThat(payloads).hasSize(10).first().isEqualTo("unknown/77/hello-0");
        ReceiverStats stats = receiver.stats();
        assertThat(stats.received()).as("the BPF filter kept the other port out").isEqualTo(10);
        assertThat(stats.decoded()).isEqualTo(10);
    }
}
