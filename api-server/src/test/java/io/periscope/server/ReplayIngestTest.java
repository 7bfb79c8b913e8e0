package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.kafka.Topics;
import io.periscope.server.cli.ReplayCli;
import io.periscope.server.kafka.KafkaRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code periscope replay FILE} without --to: reassembled in the command, published to a running standalone. */
class ReplayIngestTest {
    @TempDir
    Path dir;

    @Test
    void theSampleIngestedWithoutToPublishesEveryExchangeToTheRunningStandalonesBroker() throws Exception {
        Path data = dir.resolve("data");
        try (TestApp app = TestApp.start(TestApp.properties(data))) {
            String bootstrap = app.context.getBean(KafkaRuntime.class).bootstrapServers();
            Map<String, String> props = Map.of(
                    "periscope.kafka.embedded.port", bootstrap.substring(bootstrap.lastIndexOf(':') + 1),
                    "periscope.data-dir", data.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status;
            props.forEach(System::setProperty);
            try {
                status = ReplayCli.run(new String[] {"--sample", "--speed", "0", "--no-progress"},
                        new PrintStream(out, true, StandardCharsets.UTF_8));
            } finally {
                props.keySet().forEach(System::clearProperty);
            }

            assertThat(status).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("published     23 exchanges to Kafka (23 accepted, 0 not acknowledged)");
            assertThat(exchangesOnTheTopic(app)).isEqualTo(23);
        }
    }

    private static long exchangesOnTheTopic(TestApp app) throws Exception {
        try (Admin admin = Admin.create(app.kafkaClientProperties())) {
            int partitions = admin.describeTopics(java.util.List.of(Topics.EXCHANGES)).allTopicNames().get()
                    .get(Topics.EXCHANGES).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.EXCHANGES, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }
}
