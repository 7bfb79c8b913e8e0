package io.periscope.enforcement.block;

import io.periscope.events.detection.Incident;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code periscope.incidents} in consumer group {@value #GROUP_ID} and hands every readable incident version to
 * the {@link AutoBlocker} on one thread. Offsets are committed after the records of a poll were decided (the block
 * records are written synchronously), so a crash re-decides at most one poll, and a re-decided incident finds its
 * block already recorded.
 */
public final class IncidentIntake implements AutoCloseable {
    public static final String GROUP_ID = "periscope-enforcement";
    private static final Logger LOG = LoggerFactory.getLogger(IncidentIntake.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicReader<Incident> reader;
    private final AutoBlocker blocker;
    private final Thread thread;
    private final AtomicLong consumed = new AtomicLong();
    private volatile boolean running = true;

    public IncidentIntake(Map<String, Object> clientProperties, AutoBlocker blocker, SkipCounter skips) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = TopicReader.of(Incident.class, Incident.SCHEMA_VERSION, skips, LOG);
        this.blocker = blocker;
        this.thread = new Thread(this::run, "enforcement-intake");
        this.thread.setDaemon(true);
    }

    public IncidentIntake start() {
        consumer.subscribe(List.of(Topics.INCIDENTS));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    Incident incident = reader.read(record);
                    if (incident != null) {
                        consumed.incrementAndGet();
                        blocker.accept(incident);
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public long consumed() {
        return consumed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
