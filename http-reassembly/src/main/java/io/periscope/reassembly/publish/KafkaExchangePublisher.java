package io.periscope.reassembly.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes exchanges to Kafka, keyed by {@link HttpExchange#serviceKey()} (mirror session | host), so
 * every exchange of one API service lands on one partition in emission order.
 *
 * <p>Reassembly workers only {@link #accept} into a bounded queue, which never blocks: when the
 * queue is full (broker slow or away) the exchange is dropped and counted. Publisher threads (a
 * service key always maps to the same one, keeping per-service order) serialize and hand exchanges
 * to one idempotent producer (acks=all) that batches and compresses; they are the only threads that
 * may wait on the producer (bounded by max.block.ms), and the producer reconnects and resumes by
 * itself when the broker returns.
 */
public final class KafkaExchangePublisher implements ExchangeSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaExchangePublisher.class);
    public static final String PREFIX = "periscope.publish.";
    private static final String ERROR_LOG =
            "{} (further errors counted in " + PREFIX + "exchanges.dropped, logged at most every 30 s): {}";
    private static final int OVERHEAD_BYTES = 1024;

    private record Entry(HttpExchange exchange, long bytes) {
    }

    private final PublisherConfig config;
    private final Producer<String, HttpExchange> producer;
    private final ArrayBlockingQueue<Entry>[] queues;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter published;
    private final Counter droppedQueueFull;
    private final Counter droppedClosed;
    private final Counter droppedSendTimeout;
    private final Counter droppedSerialization;
    private final Counter droppedDelivery;
    private final Thread[] threads;
    private volatile boolean running = true;
    private final ThrottledLogger errors = new ThrottledLogger(LOG, Duration.ofSeconds(30));

    public KafkaExchangePublisher(PublisherConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        int n = config.senderThreads();
        @SuppressWarnings("unchecked")
        ArrayBlockingQueue<Entry>[] qs = new ArrayBlockingQueue[n];
        for (int i = 0; i < n; i++) {
            qs[i] = new ArrayBlockingQueue<>(Math.max(1, config.maxQueuedExchanges() / n));
        }
        this.queues = qs;
        this.producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(),
                JsonSerde.of(HttpExchange.class));
        accepted = counter("exchanges", "outcome", "accepted", "exchanges taken into the publish queue");
        published = counter("exchanges", "outcome", "published", "exchanges acknowledged by Kafka");
        droppedQueueFull = counter("exchanges.dropped", "reason", "queue_full", "dropped because the publish queue was full (broker slow or down)");
        droppedClosed = counter("exchanges.dropped", "reason", "closed", "dropped because they arrived after close()");
        droppedSendTimeout = counter("exchanges.dropped", "reason", "send_timeout", "dropped because the producer could not take them within max.block.ms");
        droppedSerialization = counter("exchanges.dropped", "reason", "serialization", "dropped because they could not be serialized");
        droppedDelivery = counter("exchanges.dropped", "reason", "delivery_failed", "dropped because Kafka did not acknowledge them within delivery.timeout.ms");
        registry.gauge(PREFIX + "queue.size", this, KafkaExchangePublisher::queued);
        registry.gauge(PREFIX + "queue.bytes", queuedBytes);
        threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            ArrayBlockingQueue<Entry> q = queues[i];
            threads[i] = new Thread(() -> run(q), "periscope-exchange-publisher-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    static Properties producerProperties(PublisherConfig c) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, c.compressionType());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(c.lingerMs()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(c.batchSize()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(c.bufferMemory()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(c.maxBlockMs()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(c.deliveryTimeoutMs()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(30_000, c.deliveryTimeoutMs() - c.lingerMs())));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "periscope-exchanges");
        p.putAll(c.overrides());
        return p;
    }

    private Counter counter(String name, String tag, String value, String description) {
        return Counter.builder(PREFIX + name).tag(tag, value).description(description).register(registry);
    }

    /** Never blocks: queues the exchange, or drops and counts it when the queue is full. */
    @Override
    public void accept(HttpExchange exchange) {
        if (!running) {
            droppedClosed.increment();
            return;
        }
        long bytes = estimate(exchange);
        if (queuedBytes.addAndGet(bytes) > config.maxQueuedBytes()) {
            queuedBytes.addAndGet(-bytes);
            droppedQueueFull.increment();
            return;
        }
        // one service always goes through the same thread: its exchanges reach the producer in order
        ArrayBlockingQueue<Entry> queue = queues[Math.floorMod(exchange.serviceKey().hashCode(), queues.length)];
        if (!queue.offer(new Entry(exchange, bytes))) {
            queuedBytes.addAndGet(-bytes);
            droppedQueueFull.increment();
            return;
        }
        accepted.increment();
    }

    private static long estimate(HttpExchange e) {
        long n = OVERHEAD_BYTES;
        if (e.request() != null) {
            n += e.request().body().content().length * 4L / 3 + e.request().target().length();
        }
        if (e.response() != null) {
            n += e.response().body().content().length * 4L / 3;
        }
        return n;
    }

    private double queued() {
        int n = 0;
        for (ArrayBlockingQueue<Entry> q : queues) {
            n += q.size();
        }
        return n;
    }

    private void run(ArrayBlockingQueue<Entry> queue) {
        while (running || !queue.isEmpty()) {
            Entry e;
            try {
                e = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e != null) {
                queuedBytes.addAndGet(-e.bytes());
                send(e.exchange());
            }
        }
    }

    private void send(HttpExchange exchange) {
        try {
            producer.send(new ProducerRecord<>(config.topic(), exchange.serviceKey(), exchange), (meta, error) -> {
                if (error == null) {
                    published.increment();
                } else {
                    droppedDelivery.increment();
                    logRateLimited("Kafka did not acknowledge an exchange", error);
                }
            });
        } catch (SerializationException ex) {
            droppedSerialization.increment();
            logRateLimited("cannot serialize an exchange", ex);
        } catch (TimeoutException ex) {
            droppedSendTimeout.increment();
            logRateLimited("Kafka unavailable; exchanges are being dropped", ex);
        } catch (KafkaException ex) {
            droppedDelivery.increment();
            logRateLimited("Kafka producer error", ex);
        }
    }

    private void logRateLimited(String message, Throwable error) {
        errors.warn(ERROR_LOG, message, error.toString());
    }

    /** Every publisher meter as {@code name{tag=value}} → value, for a health page. */
    public Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        registry.getMeters().stream().filter(m -> m.getId().getName().startsWith(PREFIX)).forEach(m -> {
            StringBuilder key = new StringBuilder(m.getId().getName().substring(PREFIX.length()));
            m.getId().getTags().forEach(t -> key.append('{').append(t.getKey()).append('=').append(t.getValue()).append('}'));
            m.measure().forEach(x -> out.merge(key.toString(), x.getValue(), Double::sum));
        });
        return out;
    }

    public double value(String key) {
        return snapshot().getOrDefault(key, 0.0);
    }

    /**
     * Waits until the producer has connected, authenticated and learnt the topic's partitions, so
     * the first exchanges are not dropped for {@code max.block.ms} spent on that (a bulk ingest such as
     * the replay command calls it before reading its input; live capture need not wait).
     *
     * @throws IllegalStateException when Kafka refuses the client (authentication, authorization) or
     *                               does not answer within {@code timeout}; the message says why
     */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                producer.partitionsFor(config.topic());
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not answer within " + timeout.toSeconds() + " s: " + e.getMessage(), e);
                }
            } catch (KafkaException e) {
                throw new IllegalStateException("Kafka refused the publisher: " + e.getMessage(), e);
            }
        }
    }

    /** Stops accepting, sends what is queued, and waits up to {@code timeout} for Kafka to acknowledge it. */
    public void close(Duration timeout) {
        running = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : threads) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
