package io.periscope.server.auth;

import io.periscope.events.kafka.JsonSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Synchronous writes of low-rate records (tokens, sessions) to compacted topics: a write returns
 * only once the cluster has it, so a token shown to the user is a token every server will accept.
 */
final class KafkaRecordWriter implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final KafkaProducer<String, byte[]> producer;

    KafkaRecordWriter(Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    <V> void write(String topic, String key, V value, Class<V> type) {
        byte[] bytes = value == null ? null : JsonSerde.of(type).serialize(topic, value);
        try {
            producer.send(new ProducerRecord<>(topic, key, bytes)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not accept the write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
