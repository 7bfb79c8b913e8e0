package io.periscope.alerts.delivery;

import io.periscope.events.Versioned;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent delivery log and dead letters, read from {@code periscope.alert-deliveries} and
 * {@code periscope.alert-dead-letters} for the API and UI. Bounded: the latest {@code perDestination} attempts of each
 * destination and the latest {@code deadLetters} dead letters; older ones stay on the topics (30 and 90 days).
 */
public final class DeliveryLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);
    /** A destination id that no longer exists still holds its log; this many destinations are kept at most. */
    private static final int MAX_DESTINATIONS = 10_000;

    private final int perDestination;
    private final int maxDeadLetters;
    private final TopicReader<DeliveryRecord> deliveries;
    private final TopicReader<DeadLetter> dead;
    private final Map<String, Deque<DeliveryRecord>> byDestination = new HashMap<>();
    private final Deque<DeadLetter> deadLetters = new ArrayDeque<>();
    private final TopicTail tail;

    public DeliveryLog(Map<String, Object> clientProperties, int perDestination, int maxDeadLetters, SkipCounter skips) {
        this.perDestination = perDestination;
        this.maxDeadLetters = maxDeadLetters;
        this.deliveries = TopicReader.of(DeliveryRecord.class, DeliveryRecord.SCHEMA_VERSION, skips, LOG);
        this.dead = TopicReader.of(DeadLetter.class, DeadLetter.SCHEMA_VERSION, skips, LOG);
        this.tail = new TopicTail(clientProperties, List.of(Topics.ALERT_DELIVERIES, Topics.ALERT_DEAD_LETTERS),
                "alert-log", this::apply);
    }

    public DeliveryLog start() {
        tail.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    private synchronized void apply(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(Topics.ALERT_DELIVERIES)) {
            DeliveryRecord r = deliveries.read(record);
            if (r != null && (byDestination.containsKey(r.destinationId()) || byDestination.size() < MAX_DESTINATIONS)) {
                bounded(byDestination.computeIfAbsent(r.destinationId(), k -> new ArrayDeque<>()), r, perDestination);
            }
        } else {
            DeadLetter d = dead.read(record);
            if (d != null) {
                bounded(deadLetters, d, maxDeadLetters);
            }
        }
    }

    private static <T extends Versioned> void bounded(Deque<T> deque, T value, int max) {
        deque.addFirst(value);
        while (deque.size() > max) {
            deque.removeLast();
        }
    }

    /** The destination's latest attempts, newest first. */
    public synchronized List<DeliveryRecord> deliveries(String destinationId) {
        Deque<DeliveryRecord> d = byDestination.get(destinationId);
        return d == null ? List.of() : new ArrayList<>(d);
    }

    /** The latest dead letters, newest first. */
    public synchronized List<DeadLetter> deadLetters() {
        return new ArrayList<>(deadLetters);
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
