package io.periscope.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provisioner against a real (embedded) broker. */
class TopicProvisionerIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void provisionerCreatesMissingTopicsWithTheirConfigsAndLeavesExistingOnesAlone() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, "127.0.0.1", 0);
             Admin admin = admin(broker)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            List<TopicSpec> specs = Topics.defaults().stream().map(s -> s.withPartitions(2).withReplicationFactor((short) 1)).toList();

            assertThat(provisioner.ensure(specs)).containsExactlyInAnyOrderElementsOf(
                    specs.stream().map(TopicSpec::name).toList());
            assertThat(provisioner.ensure(specs)).isEmpty();

            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CATALOG);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.EXCHANGES)).allTopicNames().get()
                    .get(Topics.EXCHANGES).partitions()).hasSize(2);
        }
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(broker.clientProperties());
    }
}
