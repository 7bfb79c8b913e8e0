package io.periscope.server.config;

import java.time.Duration;
import java.util.Map;

/**
 * How this process reaches Kafka.
 *
 * @param bootstrap          external bootstrap servers; empty means "start the embedded broker"
 * @param embeddedHost       address the embedded broker binds and advertises
 * @param embeddedPort       client port of the embedded broker (0: any free port)
 * @param replicationFactor  replication of topics created at start; -1 uses the broker's default
 * @param topicPartitions    partition count per topic name
 * @param clientProperties   extra Kafka client properties (TLS, SASL, IAM for MSK), passed through as-is
 * @param startupTimeout     how long to wait for Kafka at start before giving up
 */
public record KafkaSettings(
        String bootstrap,
        String embeddedHost,
        int embeddedPort,
        short replicationFactor,
        Map<String, Integer> topicPartitions,
        Map<String, String> clientProperties,
        Duration startupTimeout) {

    public KafkaSettings {
        topicPartitions = Map.copyOf(topicPartitions);
        clientProperties = Map.copyOf(clientProperties);
    }

    public boolean embedded() {
        return bootstrap == null || bootstrap.isBlank();
    }
}
