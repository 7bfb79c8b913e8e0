package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.mirror.synthetic.SyntheticCapture;
import io.periscope.mirror.synthetic.Totals;
import io.periscope.mirror.synthetic.TrafficSpec;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver that says it is ready takes a realistic burst from its first packet without losing any:
 * the app starts with its production warm-up, and the moment {@code /health} answers 200 a mirror of
 * hundreds of keep-alive connections arrives over UDP at 10,000 packets/s.
 */
class ReceiverColdStartTest {
    @TempDir
    Path dir;

    @Test
    void aBurstSentTheMomentTheAppIsReadyLosesNothing() throws Exception {
        Path capture = dir.resolve("burst.pcap");
        Totals burst = SyntheticCapture.write(TrafficSpec.realistic(400, 4242).withConcurrentConnections(400), capture);
        Map<String, Object> props = TestApp.properties(dir.resolve("data"));
        props.put("periscope.mirror.warmup.enabled", true);
        props.put("periscope.mirror.warmup.packets", 120_000);

        try (TestApp app = TestApp.start(props)) { // returns once /health answers 200
            JsonNode receiver = app.health().path("roles").path("receiver").path("details");
            assertThat(receiver.path("warmUp").asText()).contains("exchanges recovered");
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", receiver.path("udpPort").asInt());
            try (UdpReplayer replayer = new UdpReplayer(target, target, 7, 16); CaptureReader reader = CaptureFiles.open(capture)) {
                replayer.replay(reader, Pacer.packetsPerSecond(10_000), Progress.NONE);
            }

            await().atMost(Duration.ofSeconds(60)).until(() ->
                    details(app).path("exchangesPublished").asLong() >= burst.exchanges());
            JsonNode after = details(app);
            assertThat(after.path("packetsReceived").asLong()).as("datagrams the sockets delivered").isEqualTo(burst.packets());
            assertThat(after.path("kernelDropped").asLong()).as("datagrams dropped by the kernel").isZero();
            assertThat(after.path("packetsDecoded").asLong()).isEqualTo(burst.packets());
            assertThat(after.path("queueDropped").asLong()).as("segments dropped at the worker queues").isZero();
            assertThat(after.path("exchangesPublished").asLong()).isEqualTo(burst.exchanges());
        }
    }

    @Test
    void whileWarmingUpTheAppIsNotReadyAndTheLoadBalancerHealthPortIsClosed() throws Exception {
        Map<String, Object> props = TestApp.properties(dir.resolve("data"));
        props.put("periscope.mirror.warmup.enabled", true);
        props.put("periscope.mirror.warmup.packets", 100_000_000);
        props.put("periscope.mirror.warmup.max-duration", "10m");
        props.put("periscope.mirror.health.port", freePort());
        int healthPort = (int) props.get("periscope.mirror.health.port");

        try (TestApp app = TestApp.startWithoutWaiting(props)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "NOT_READY".equals(
                    app.health().path("roles").path("receiver").path("status").asText()));
            assertThat(app.send(app.request("/health")).statusCode()).isEqualTo(503);
            assertThat(app.health().path("roles").path("receiver").path("details").path("phase").asText()).startsWith("warming up");
            assertThat(connects(healthPort)).as("NLB health check port open while warming up").isFalse();
        }
    }

    private static JsonNode details(TestApp app) throws Exception {
        return app.health().path("roles").path("receiver").path("details");
    }

    private static boolean connects(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
