package io.periscope.events.kafka;

import io.periscope.events.Versioned;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.LoggerFactory;

/**
 * The current value of every key of a compacted topic, held in memory and kept up to date by a
 * consumer thread that reads every partition from the beginning (no consumer group: every process
 * holding a view sees the whole topic). A tombstone (null value) removes its key.
 *
 * <p>This is how state that must be shared by several processes (API tokens, sessions, the catalog
 * read model) lives in Kafka instead of in one process's memory.
 *
 * <p>Records are read by a {@link TopicReader} that requires a key and accepts every schema version (a view
 * must not forget a key because a newer build wrote it); the records it skips are counted and logged, and the
 * view never stalls on them.
 */
public final class CompactedTopicView<V extends Versioned> implements AutoCloseable {
    private final TopicReader<V> reader;
    private final TopicTail tail;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    /** Told of every change after it is applied; set before {@link #start()}. */
    private volatile BiConsumer<String, V> onChange = (key, value) -> { };

    /** @param skips counts every record the view skips, by reason (the caller owns the metric) */
    public CompactedTopicView(Map<String, Object> clientProperties, String topic, Class<V> type, SkipCounter skips) {
        this.reader = TopicReader.of(type, TopicReader.ANY_VERSION, skips,
                LoggerFactory.getLogger(CompactedTopicView.class)).requiringKey();
        this.tail = new TopicTail(clientProperties, List.of(topic), "view-" + topic, this::apply);
    }

    /**
     * Tells {@code listener} of every key's new value (null when removed) after the view applied it, on the thread
     * that applied it (the tail thread, or the caller of {@link #putLocal}): for a read model that keeps an index of
     * the values. Set it before {@link #start()}; it must be quick and must not throw.
     */
    public CompactedTopicView<V> onChange(BiConsumer<String, V> listener) {
        this.onChange = listener;
        return this;
    }

    /** Starts reading; use {@link #awaitCaughtUp(Duration)} before trusting an absent key. */
    public CompactedTopicView<V> start() {
        tail.start();
        return this;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() != null && record.value() == null) {
            values.remove(record.key());
            onChange.accept(record.key(), null);
            return;
        }
        V value = reader.read(record);
        if (value != null) {
            values.put(record.key(), value);
            onChange.accept(record.key(), value);
        }
    }

    /** Waits until everything that was in the topic when the view started has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
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
        onChange.accept(key, value);
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
