package io.periscope.server.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How this process reaches Kafka.
 *
 * @param bootstrap          external bootstrap servers; empty means "start the embedded broker"
 * @param embeddedHost       loopback address the embedded broker binds and advertises
 * @param embeddedPort       client port of the embedded broker (0: any free port)
 * @param replicationFactor  replication of topics created at start; -1 uses the broker's default
 * @param topicPartitions    partition count per topic name
 * @param clientProperties   extra Kafka client properties, passed through as-is
 * @param security           how to authenticate to an external cluster (SASL/SCRAM, mutual TLS, MSK IAM)
 * @param startupTimeout     how long to wait for Kafka at start before giving up
 */
public record KafkaSettings(
        String bootstrap,
        String embeddedHost,
        int embeddedPort,
        short replicationFactor,
        Map<String, Integer> topicPartitions,
        Map<String, String> clientProperties,
        KafkaSecurity security,
        Duration startupTimeout) {

    public KafkaSettings {
        topicPartitions = Map.copyOf(topicPartitions);
        clientProperties = Map.copyOf(clientProperties);
    }

    public boolean embedded() {
        return bootstrap == null || bootstrap.isBlank();
    }

    /**
     * Client properties for the external cluster: bootstrap servers, the pass-through properties and
     * the security settings (secret files are read now). The embedded broker's come from the broker.
     */
    public Map<String, Object> externalClientProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.putAll(security.clientProperties());
        props.put("bootstrap.servers", bootstrap);
        return props;
    }
}
