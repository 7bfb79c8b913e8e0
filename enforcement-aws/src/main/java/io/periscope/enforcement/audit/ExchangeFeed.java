package io.periscope.enforcement.audit;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds mirrored exchanges to the {@link EffectivenessWatch}, in consumer group {@value #GROUP_ID}, from the latest
 * offset: only traffic after the blocks matters, and a restart need not replay history.
 */
public final class ExchangeFeed implements AutoCloseable {
    public static final String GROUP_ID = "periscope-enforcement-effectiveness";
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicReader<HttpExchange> reader;
    private final EffectivenessWatch watch;
    private final Thread thread;
    private volatile boolean running = true;

    public ExchangeFeed(Map<String, Object> clientProperties, EffectivenessWatch watch, SkipCounter skips) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = TopicReader.of(HttpExchange.class, HttpExchange.SCHEMA_VERSION, skips, LOG);
        this.watch = watch;
        this.thread = new Thread(this::run, "enforcement-effectiveness");
        this.thread.setDaemon(true);
    }

    public ExchangeFeed start() {
        consumer.subscribe(List.of(Topics.EXCHANGES));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    HttpExchange exchange = reader.read(record);
                    if (exchange != null) {
                        watch.accept(exchange);
                    }
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

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
