package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import io.periscope.server.kafka.KafkaRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periscope pointed at a Kafka cluster it does not run (as on Amazon MSK). */
class ExternalClusterTest {
    @TempDir
    Path dir;

    /**
     * Pointed at a cluster that requires SASL/SCRAM (the embedded broker does), configured through the
     * typed security keys as on a real cluster: user name, and the password in a file of its own.
     */
    private Map<String, Object> pointedAt(EmbeddedKafkaBroker cluster) {
        Map<String, Object> p = TestApp.externalClusterProperties(dir.resolve("data"), cluster.logDir(),
                cluster.bootstrapServers());
        p.put("periscope.roles", "api");
        return p;
    }

    @Test
    void withBootstrapServersSetNothingIsEmbeddedAndTopicsAreCreatedOnTheCluster() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(dir.resolve("cluster"), "127.0.0.1", 0);
             TestApp app = TestApp.start(pointedAt(cluster));
             Admin admin = Admin.create(cluster.clientProperties())) {
            KafkaRuntime kafka = app.context.getBean(KafkaRuntime.class);
            assertThat(kafka.embedded()).isFalse();
            assertThat(kafka.bootstrapServers()).isEqualTo(cluster.bootstrapServers());
            assertThat(admin.listTopics().names().get()).contains(Topics.EXCHANGES, Topics.CATALOG, Topics.TEMPLATE_RULES);
            assertThat(dir.resolve("data").resolve("kafka")).doesNotExist();
        }
    }

    @Test
    void anExistingTemplateRulesTopicWithAnotherPartitionCountThanExchangesStopsTheStart() throws Exception {
        try (EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(dir.resolve("cluster"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(cluster.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(
                        new TopicSpec(Topics.EXCHANGES, 3, (short) 1, Map.of()),
                        new TopicSpec(Topics.TEMPLATE_RULES, 2, (short) 1, Map.of("cleanup.policy", "compact"))));
            }
            assertThatThrownBy(() -> TestApp.start(pointedAt(cluster)))
                    .hasStackTraceContaining("periscope.template-rules has 2 partitions but periscope.exchanges has 3");
        }
    }
}
