package io.periscope.server.store;

import io.periscope.events.Versioned;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.kafka.CompactedTopicView;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.RecordSizeLimit;
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
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Low-rate records (tokens, sessions) shared by every API server through one compacted topic: read
 * from a {@link CompactedTopicView}, written synchronously. A write returns only once the cluster has
 * it, so a token shown to the user is a token every server will accept; it is applied to this
 * process's view at once, so a read that follows one's own write sees it.
 */
public final class SharedRecords<V extends Versioned> implements AutoCloseable {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final String topic;
    private final JsonSerde<V> serde;
    private final CompactedTopicView<V> view;
    private final KafkaProducer<String, byte[]> producer;
    private final RecordSizeLimit sizeLimit;

    /**
     * Starts reading the topic and returns once everything already on it has been read.
     *
     * @param sizeLimit the largest record written; a larger one is refused before it reaches Kafka
     * @param registry  where records skipped while reading are counted: {@code periscope.store.skipped{topic, reason}}
     */
    public SharedRecords(Map<String, Object> clientProperties, String topic, Class<V> type, RecordSizeLimit sizeLimit,
                         MeterRegistry registry) throws InterruptedException {
        this.topic = topic;
        this.sizeLimit = sizeLimit;
        this.serde = JsonSerde.of(type);
        this.view = new CompactedTopicView<>(clientProperties, topic, type,
                (t, reason) -> Counter.builder("periscope.store.skipped").tag("topic", t).tag("reason", reason.tag())
                        .register(registry).increment()).start();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        if (!view.awaitCaughtUp(CATCH_UP)) {
            close();
            throw new IllegalStateException("could not read " + topic + " within " + CATCH_UP.toSeconds() + "s");
        }
    }

    public Optional<V> get(String key) {
        return view.get(key);
    }

    public Collection<V> values() {
        return view.values();
    }

    public void put(String key, V value) {
        write(key, sizeLimit.check("the record for " + topic, serde.serialize(topic, value)));
        view.putLocal(key, value);
    }

    /** Writes a tombstone: compaction forgets the key everywhere. */
    public void remove(String key) {
        write(key, null);
        view.putLocal(key, null);
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not accept the write to " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        producer.close(Duration.ofSeconds(5));
        view.close();
    }
}
