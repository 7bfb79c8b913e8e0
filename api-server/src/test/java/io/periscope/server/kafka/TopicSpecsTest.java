package io.periscope.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.ConfigReader;
import io.periscope.server.config.PeriscopeSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicSpecsTest {

    private static List<TopicSpec> specs(Map<String, Object> values) {
        return KafkaRuntime.topicSpecs(PeriscopeSettings.read(new ConfigReader(key -> Optional.ofNullable(values.get(key)))).kafka());
    }

    private static TopicSpec spec(List<TopicSpec> specs, String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyTopicIsProvisionedOnceIncludingDiscoverysTemplateRules() {
        List<TopicSpec> specs = specs(Map.of());
        assertThat(specs).extracting(TopicSpec::name).doesNotHaveDuplicates()
                .contains(Topics.EXCHANGES, Topics.CATALOG, Topics.CHANGES, Topics.FINDINGS, Topics.TOKENS, Topics.SESSIONS,
                        Topics.TEMPLATE_RULES);
    }

    @Test
    void templateRulesFollowTheExchangesPartitionCountForCoPartitioning() {
        List<TopicSpec> specs = specs(Map.of("periscope.kafka.topics.exchanges.partitions", "3",
                "periscope.kafka.replication-factor", "1"));
        assertThat(spec(specs, Topics.EXCHANGES).partitions()).isEqualTo(3);
        assertThat(spec(specs, Topics.TEMPLATE_RULES).partitions()).isEqualTo(3);
        assertThat(spec(specs, Topics.TEMPLATE_RULES).replicationFactor()).isEqualTo((short) 1);
    }
}
