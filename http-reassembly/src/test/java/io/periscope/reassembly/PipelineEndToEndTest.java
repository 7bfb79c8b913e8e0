package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.config.HealthCheckConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.mirror.sample.SampleCapture;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.reassembly.publish.KafkaExchangePublisher;
import io.periscope.reassembly.publish.PublisherConfig;
import io.periscope.reassembly.support.Harness;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library pipeline with real parts: the receiver's sample capture (VXLAN, as AWS mirrors it)
 * replayed over loopback UDP into the mirror receiver, through reassembly and the publisher into an
 * embedded Kafka broker, read back and compared field by field with what the same capture yields
 * when read from the file.
 */
class PipelineEndToEndTest {
    @TempDir
    Path dir;

    /** What must survive the trip; connection ids and timestamps differ (worker index, receive time). */
    private static String fingerprint(HttpExchange e) {
        return String.join(" | ", String.valueOf(e.serviceKey()), e.clientIp(), String.valueOf(e.clientIpSource()),
                e.connection().clientAddress(), e.connection().serverAddress() + ":" + e.connection().serverPort(),
                e.request() == null ? "-" : e.request().method() + " " + e.request().target() + " " + e.request().headers()
                        + " " + e.request().query() + " " + new String(e.request().body().content()),
                e.response() == null ? "-" : e.response().status() + " " + e.response().headers() + " "
                        + new String(e.response().body().content()) + " " + e.response().body().decoded(),
                String.valueOf(new java.util.TreeSet<>(e.flags())), String.valueOf(e.credentials()));
    }

    @Test
    void aCaptureReplayedOverUdpArrivesInKafkaExactlyAsReassembledFromTheFile() throws Exception {
        Path capture = SampleCapture.extractTo(dir.resolve("capture"));
        Harness fromFile = new Harness();
        CaptureFiles.ingest(capture, fromFile.sink);
        List<String> expected = fromFile.exchanges.stream().map(PipelineEndToEndTest::fingerprint).sorted().toList();
        assertThat(expected).hasSize(23); // the sample's 23 API calls
        assertThat(fromFile.exchanges).allSatisfy(e -> assertThat(e.request()).isNotNull().satisfies(r -> assertThat(e.response()).isNotNull()));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(Topics.defaults().get(0)));
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            KafkaExchangePublisher publisher = new KafkaExchangePublisher(PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties()), registry);
            publisher.awaitReady(Duration.ofSeconds(60));
            ReassemblySinkFactory factory = new ReassemblySinkFactory(
                    ReassemblyConfig.builder(Harness.SECRET).receiverId("r1").build(), publisher, registry);
            ReceiverConfig d = ReceiverConfig.defaults();
            ReceiverConfig config = new ReceiverConfig(new UdpConfig(true, "127.0.0.1", 0, 0, 1, 4 << 20, 64, 9216, false),
                    new HealthCheckConfig(false, "127.0.0.1", 0), d.decoder(), d.sessions(), d.dedup(), d.dispatch(), null);
            MirrorReceiver receiver = new MirrorReceiver(config, factory, registry);
            receiver.start();
            try (UdpReplayer replayer = new UdpReplayer(new InetSocketAddress("127.0.0.1", receiver.udpPort()),
                    new InetSocketAddress("127.0.0.1", receiver.udpPort()), 5569041, 1);
                 CaptureReader reader = CaptureFiles.open(capture)) {
                long sent = replayer.replay(reader, Pacer.packetsPerSecond(5000), Progress.NONE).packetsSent();
                // the last datagrams reach the workers' queues; closing the receiver then drains them
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.stats().received(), received -> received >= sent);
            }
            receiver.close(); // flushes every worker's sink
            publisher.close(Duration.ofSeconds(30));

            Properties p = new Properties();
            p.putAll(broker.clientProperties());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<HttpExchange> read = new ArrayList<>();
            try (KafkaConsumer<String, HttpExchange> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                    new ExchangeDeserializer())) {
                consumer.subscribe(List.of(Topics.EXCHANGES));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read.size() < expected.size() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        assertThat(r.key()).isEqualTo(r.value().serviceKey());
                        read.add(r.value());
                    });
                }
            }
            assertThat(read.stream().map(PipelineEndToEndTest::fingerprint).sorted().toList())
                    .containsExactlyElementsOf(expected);
            assertThat(read).allSatisfy(e -> {
                assertThat(e.source().receiver()).isEqualTo("r1");
                assertThat(e.source().vni()).isEqualTo(5569041);
            });
            assertThat(publisher.value("exchanges{outcome=published}")).isEqualTo(expected.size());
        }
    }
}
