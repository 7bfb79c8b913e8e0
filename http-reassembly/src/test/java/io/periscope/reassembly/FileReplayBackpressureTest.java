package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.PipelineIngest;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import io.periscope.mirror.synthetic.SyntheticCapture;
import io.periscope.mirror.synthetic.Totals;
import io.periscope.mirror.synthetic.TrafficSpec;
import io.periscope.reassembly.publish.Backpressure;
import io.periscope.reassembly.publish.KafkaExchangePublisher;
import io.periscope.reassembly.publish.PublisherConfig;
import io.periscope.reassembly.support.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backpressure end to end: a generated capture replayed from the file through the decoder, the dispatcher,
 * reassembly and a publisher whose queue holds 4 exchanges (16 KiB) into a real broker. The publisher
 * cannot keep up by design; the file reader waits for it instead, and every exchange reaches the topic.
 */
class FileReplayBackpressureTest {
    @TempDir
    Path dir;

    @Test
    void aPublisherQueueOfFourExchangesHoldsTheFileReaderAndEveryExchangeIsPublished() throws Exception {
        Path capture = dir.resolve("traffic.pcap");
        Totals totals = SyntheticCapture.write(TrafficSpec.realistic(600, 5).withConcurrentConnections(300).withMeanExchanges(4), capture);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(Topics.defaults().get(0).withPartitions(3)));
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            PublisherConfig config = PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties())
                    .toBuilder().senderThreads(2).maxQueuedExchanges(4).maxQueuedBytes(16 * 1024).build();
            KafkaExchangePublisher publisher = new KafkaExchangePublisher(config, Backpressure.BLOCK, registry);
            publisher.awaitReady(Duration.ofSeconds(60));
            ReassemblySinkFactory sinks = new ReassemblySinkFactory(ReassemblyConfig.builder(Harness.SECRET).build(), publisher,
                    registry, IdleClock.SEGMENTS);
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                PipelineIngest.run(reader, Pacer.unlimited(), ReceiverConfig.defaults(), sinks, registry, Progress.NONE);
            }
            publisher.close(Duration.ofSeconds(60));

            assertThat(publisher.failure()).isEmpty();
            assertThat(publisher.value("exchanges{outcome=published}")).isEqualTo(totals.exchanges());
            assertThat(publisher.snapshot()).as("no drop of any reason")
                    .allSatisfy((key, value) -> assertThat(key.startsWith("exchanges.dropped") ? value : 0).isZero());
            assertThat(exchangesOnTheTopic(broker.clientProperties())).isEqualTo(totals.exchanges());
        }
    }

    private static long exchangesOnTheTopic(Map<String, Object> client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                latest.put(new TopicPartition(Topics.EXCHANGES, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
