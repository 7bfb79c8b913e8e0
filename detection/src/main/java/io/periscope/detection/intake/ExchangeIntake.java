package io.periscope.detection.intake;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.SkipReason;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads exchanges from Kafka for detection, in consumer group {@value #GROUP_ID}, and hands each
 * one to a handler on the intake thread.
 *
 * <p>Records are read by a {@link TopicReader}: one that cannot be read is counted
 * ({@link IntakeStats#unreadable()}) and skipped, never retried forever: a poison record must not stall
 * detection. A record with a newer schema major than this build knows is counted as
 * {@link IntakeStats#unsupportedVersion()} and skipped.
 */
public final class ExchangeIntake implements AutoCloseable {
    public static final String GROUP_ID = "periscope-detection";
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeIntake.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicReader<HttpExchange> reader =
            TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION, this::skipped, LOG);
    private final Consumer<HttpExchange> handler;
    private final Thread thread;
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong unsupportedVersion = new AtomicLong();
    private volatile Map<TopicPartition, Long> lag = Map.of();
    private volatile boolean running = true;

    /**
     * @param clientProperties bootstrap servers and any pass-through client settings
     * @param handler          called for every readable exchange, on the intake thread
     */
    public ExchangeIntake(Map<String, Object> clientProperties, Consumer<HttpExchange> handler) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.handler = handler;
        this.thread = new Thread(this::run, "detection-intake");
        this.thread.setDaemon(true);
    }

    public ExchangeIntake start() {
        consumer.subscribe(List.of(Topics.EXCHANGES));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
                updateLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RecordDeserializationException e) {
            // Byte-array deserializers cannot fail; kept explicit so a future change does not stall silently.
            unreadable.incrementAndGet();
            consumer.seek(e.topicPartition(), e.offset() + 1);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        HttpExchange exchange = reader.read(record);
        if (exchange != null) {
            consumed.incrementAndGet();
            handler.accept(exchange);
        }
    }

    private void skipped(String topic, SkipReason reason) {
        (reason == SkipReason.UNSUPPORTED_SCHEMA ? unsupportedVersion : unreadable).incrementAndGet();
    }

    private void updateLag() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            lag = Map.of();
            return;
        }
        Map<TopicPartition, Long> current = new HashMap<>();
        for (TopicPartition tp : assigned) {
            consumer.currentLag(tp).ifPresent(l -> current.put(tp, l));
        }
        lag = Map.copyOf(current);
    }

    public IntakeStats stats() {
        long totalLag = lag.values().stream().mapToLong(Long::longValue).sum();
        return new IntakeStats(consumed.get(), unreadable.get(), unsupportedVersion.get(), lag.size(), totalLag);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
