package io.periscope.events.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current value of every key of a compacted topic, held in memory and kept up to date by a
 * consumer thread that reads every partition from the beginning (no consumer group: every process
 * holding a view sees the whole topic). A tombstone (null value) removes its key.
 *
 * <p>This is how state that must be shared by several processes (API tokens, sessions, the catalog
 * read model) lives in Kafka instead of in one process's memory.
 *
 * <p>Records that cannot be read are counted and skipped; the view never stalls on them.
 */
public final class CompactedTopicView<V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);

    private final String topic;
    private final JsonSerde<V> serde;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public CompactedTopicView(Map<String, Object> clientProperties, String topic, Class<V> type) {
        this.topic = topic;
        this.serde = JsonSerde.of(type);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "view-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts reading; use {@link #awaitCaughtUp(Duration)} before trusting an absent key. */
    public CompactedTopicView<V> start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && reached(end)) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("view of {} stopped unexpectedly", topic, e);
            }
        } catch (RuntimeException e) {
            LOG.error("view of {} stopped: {}", topic, e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            unreadable.incrementAndGet();
            return;
        }
        if (record.value() == null) {
            values.remove(record.key());
            return;
        }
        try {
            values.put(record.key(), serde.deserialize(topic, record.value()));
        } catch (RuntimeException e) {
            if (unreadable.incrementAndGet() == 1) {
                LOG.warn("skipping unreadable record in {} at offset {}: {}", topic, record.offset(), e.getMessage());
            }
        }
    }

    /** Waits until everything that was in the topic when the view started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values() {
        return values.values();
    }

    /**
     * Applies a value this process has just written, before it comes back through the topic, so a
     * read that follows one's own write sees it. The topic remains the source of truth.
     */
    public void putLocal(String key, V value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
