package io.periscope.events.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics from the beginning, forever, on its own thread, and hands each
 * record to a handler. No consumer group: every process that tails a topic sees all of it. This is how
 * read models that every process holds whole (tokens, sessions, the catalog) are built from Kafka.
 *
 * <p>"Caught up" means everything that was on the topics when {@link #start()} ran has been handled;
 * before that, an absent key may only not have been read yet.
 */
public final class TopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final List<String> topics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> handler;
    private final Thread thread;
    private volatile Map<TopicPartition, Long> caughtUpTargets = Map.of();
    /** Positions after the latest poll, published by the tail thread for other threads. */
    private volatile Map<TopicPartition, Long> positions = Map.of();
    private volatile boolean running = true;

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, IAM)
     * @param handler          called on the tail thread for every record; it handles its own bad records
     */
    public TopicTail(Map<String, ?> clientProperties, List<String> topics, String name,
                     Consumer<ConsumerRecord<String, byte[]>> handler) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // writes of aborted transactions (a template rule change that lost its compare-and-set) are never state
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "periscope-" + name + "-" + UUID.randomUUID());
        this.topics = List.copyOf(topics);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.handler = handler;
        this.thread = new Thread(this::run, "tail-" + name);
        this.thread.setDaemon(true);
    }

    /** Assigns every partition of the topics from the beginning and starts reading. */
    public TopicTail start() {
        List<TopicPartition> parts = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: provision the topics first");
            }
            infos.forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        caughtUpTargets = Map.copyOf(consumer.endOffsets(parts));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handler.accept(record);
                }
                Map<TopicPartition, Long> pos = new HashMap<>();
                for (TopicPartition tp : consumer.assignment()) {
                    pos.put(tp, consumer.position(tp));
                }
                positions = pos;
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("tail of {} woken up unexpectedly", topics, e);
            }
        } catch (RuntimeException e) {
            LOG.error("tail of {} stopped: {}", topics, e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public boolean caughtUp() {
        Map<TopicPartition, Long> pos = positions;
        for (Map.Entry<TopicPartition, Long> e : caughtUpTargets.entrySet()) {
            if (pos.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Waits until every record of {@code partition} before {@code offset} has been handled: a writer that read
     * the partition's end offset calls this to know its reads include everything committed before that point.
     */
    public boolean awaitPosition(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (positions.getOrDefault(partition, 0L) < offset) {
            if (System.nanoTime() >= deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
