package io.periscope.enforcement.store;

import io.periscope.events.Versioned;
import io.periscope.events.kafka.CompactedTopicView;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipCounter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A compacted topic as shared state: every process reads the whole topic into memory ({@link CompactedTopicView}) and
 * writes through here. A write returns once the broker acknowledged it ({@code acks=all}, idempotent), so state that
 * was written is never only in one process's memory: the block records are the enforcer's durable memory.
 */
public final class SharedTopic<V extends Versioned> implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final CompactedTopicView<V> view;
    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonSerde<V> serde;

    public SharedTopic(Map<String, Object> clientProperties, String topic, Class<V> type, SkipCounter skips) {
        this.topic = topic;
        this.view = new CompactedTopicView<>(clientProperties, topic, type, skips);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.serde = JsonSerde.of(type);
    }

    /** Starts reading and waits until what was on the topic has been read. */
    public SharedTopic<V> start(Duration timeout) throws InterruptedException {
        view.start();
        if (!view.awaitCaughtUp(timeout)) {
            throw new IllegalStateException(topic + " was not read within " + timeout);
        }
        return this;
    }

    /** Writes {@code value} under {@code key} (null: a tombstone) and waits for the broker's acknowledgement. */
    public void put(String key, V value) {
        byte[] bytes = value == null ? null : serde.serialize(topic, value);
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write " + topic, e);
        }
        view.putLocal(key, value);
    }

    public Optional<V> get(String key) {
        return view.get(key);
    }

    public Collection<V> values() {
        return view.values();
    }

    @Override
    public void close() throws InterruptedException {
        producer.close(Duration.ofSeconds(5));
        view.close();
    }
}
