package io.periscope.reassembly.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * <p>Reassembly workers {@link #accept} into a bounded queue ({@link PublishQueue}); what a full queue
 * does is the caller's {@link Backpressure}: live capture drops and counts, file replay waits. Publisher
 * threads (a service key always maps to the same one, keeping per-service order) serialize and hand
 * exchanges to one idempotent producer (acks=all) that batches and compresses; they are the only threads
 * that wait on the producer (bounded by max.block.ms), and the producer reconnects and resumes by itself
 * when the broker returns.
 *
 * <p>Every exchange offered ends in exactly one counter, so the counts reconcile:
 * {@code offered = accepted + dropped{queue_full, closed, publisher_failed}} and
 * {@code accepted = published + dropped{send_timeout, serialization, delivery_failed, abandoned}
 * + queue.size + in.flight}.
 */
public final class KafkaExchangePublisher implements ExchangeSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaExchangePublisher.class);
    public static final String PREFIX = "periscope.publish.";
    private static final String ERROR_LOG =
            "{} (further errors counted in " + PREFIX + "exchanges.dropped, logged at most every 30 s)";
    private static final int OVERHEAD_BYTES = 1024;
    /** A blocking sender retrying a send the producer could not take waits at least this long in between. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final PublisherConfig config;
    private final Backpressure backpressure;
    private final long stallNanos;
    private final Producer<String, HttpExchange> producer;
    private final PublishQueue queue;
    private final AtomicLong inFlight = new AtomicLong();
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter published;
    private final Counter droppedQueueFull;
    private final Counter droppedClosed;
    private final Counter droppedFailed;
    private final Counter droppedSendTimeout;
    private final Counter droppedSerialization;
    private final Counter droppedDelivery;
    private final Counter droppedAbandoned;
    private final Thread[] threads;
    private volatile boolean running = true;
    /** Set when close gave up waiting: senders drop (count) what is left instead of sending it. */
    private volatile boolean abandoned;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final ThrottledLogger errors = new ThrottledLogger(LOG, Duration.ofSeconds(30));

    /** A publisher for live capture: {@link Backpressure#DROP}. */
    public KafkaExchangePublisher(PublisherConfig config, MeterRegistry registry) {
        this(config, Backpressure.DROP, registry);
    }

    public KafkaExchangePublisher(PublisherConfig config, Backpressure backpressure, MeterRegistry registry) {
        this.config = config;
        this.backpressure = backpressure;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(config.deliveryTimeoutMs());
        this.registry = registry;
        int n = config.senderThreads();
        this.queue = new PublishQueue(n, config.maxQueuedExchanges(), config.maxQueuedBytes());
        this.producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(),
                JsonSerde.of(HttpExchange.class));
        accepted = counter("exchanges", "outcome", "accepted", "exchanges taken into the publish queue");
        published = counter("exchanges", "outcome", "published", "exchanges acknowledged by Kafka");
        droppedQueueFull = counter("exchanges.dropped", "reason", "queue_full", "dropped because the publish queue was full (broker slow or down; live capture only)");
        droppedClosed = counter("exchanges.dropped", "reason", "closed", "dropped because they arrived after close()");
        droppedFailed = counter("exchanges.dropped", "reason", "publisher_failed", "dropped because the blocking publisher had failed (Kafka away for delivery-timeout-ms)");
        droppedSendTimeout = counter("exchanges.dropped", "reason", "send_timeout", "dropped because the producer could not take them within max.block.ms (blocking mode: delivery-timeout-ms)");
        droppedSerialization = counter("exchanges.dropped", "reason", "serialization", "dropped because they could not be serialized");
        droppedDelivery = counter("exchanges.dropped", "reason", "delivery_failed", "dropped because Kafka did not acknowledge them within delivery.timeout.ms");
        droppedAbandoned = counter("exchanges.dropped", "reason", "abandoned", "accepted but not sent: the publisher failed or close() timed out first");
        registry.gauge(PREFIX + "queue.size", queue, PublishQueue::size);
        registry.gauge(PREFIX + "queue.bytes", queue, PublishQueue::queuedBytes);
        registry.gauge(PREFIX + "in.flight", inFlight);
        threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int lane = i;
            threads[i] = new Thread(() -> run(lane), "periscope-exchange-publisher-" + i);
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

    /**
     * Queues the exchange. {@link Backpressure#DROP}: never waits, drops and counts when the queue is full.
     * {@link Backpressure#BLOCK}: waits for room; gives up (counted) only on close or failure, or when the
     * queue stays full for {@code delivery-timeout-ms}, which fails the publisher.
     */
    @Override
    public void accept(HttpExchange exchange) {
        if (!running) {
            droppedClosed.increment();
            return;
        }
        if (failure.get() != null) {
            droppedFailed.increment();
            return;
        }
        PublishQueue.Entry entry = queue.entry(exchange, estimate(exchange));
        // one service always goes through the same thread: its exchanges reach the producer in order
        int lane = Math.floorMod(exchange.serviceKey().hashCode(), queue.lanes());
        if (queue.offer(lane, entry)) {
            accepted.increment();
        } else if (backpressure == Backpressure.DROP) {
            droppedQueueFull.increment();
        } else if (waitForRoom(lane, entry)) {
            accepted.increment();
        }
    }

    private boolean waitForRoom(int lane, PublishQueue.Entry entry) {
        try {
            if (queue.put(lane, entry, System.nanoTime() + stallNanos, this::keepWaiting)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            droppedClosed.increment();
            return false;
        }
        if (!running) {
            droppedClosed.increment();
            return false;
        }
        if (failure.get() == null) {
            fail("the publish queue stayed full for " + config.deliveryTimeoutMs()
                    + " ms (periscope.reassembly.kafka.delivery-timeout-ms): Kafka took no exchange in that time");
        }
        droppedFailed.increment();
        return false;
    }

    private boolean keepWaiting() {
        return running && failure.get() == null;
    }

    private void fail(String why) {
        if (failure.compareAndSet(null, why)) {
            LOG.error("exchange publisher failed, dropping (and counting) every further exchange: {}", why);
        }
    }

    /** Why a {@link Backpressure#BLOCK} publisher gave up (Kafka away or refusing exchanges); empty while it works. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
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

    private void run(int lane) {
        while (running || !queue.isEmpty(lane)) {
            PublishQueue.Entry e;
            try {
                e = queue.poll(lane, 100);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e == null) {
                continue;
            }
            if (abandoned || failure.get() != null) {
                droppedAbandoned.increment();
            } else {
                send(e.exchange());
            }
        }
    }

    private void send(HttpExchange exchange) {
        ProducerRecord<String, HttpExchange> record = new ProducerRecord<>(config.topic(), exchange.serviceKey(), exchange);
        long firstTimeout = 0;
        while (true) {
            inFlight.incrementAndGet();
            try {
                producer.send(record, this::acknowledged);
                return;
            } catch (SerializationException ex) {
                inFlight.decrementAndGet();
                droppedSerialization.increment();
                logRateLimited("cannot serialize an exchange", ex);
                return;
            } catch (TimeoutException ex) {
                inFlight.decrementAndGet();
                long now = System.nanoTime();
                firstTimeout = firstTimeout == 0 ? now : firstTimeout;
                if (backpressure == Backpressure.DROP) {
                    droppedSendTimeout.increment();
                    logRateLimited("Kafka unavailable; exchanges are being dropped", ex);
                    return;
                }
                if (abandoned || failure.get() != null) {
                    droppedAbandoned.increment();
                    return;
                }
                if (now - firstTimeout >= stallNanos) {
                    droppedSendTimeout.increment();
                    fail("Kafka took no exchange for " + config.deliveryTimeoutMs()
                            + " ms (periscope.reassembly.kafka.delivery-timeout-ms): " + ex.getMessage());
                    return;
                }
                logRateLimited("Kafka cannot take exchanges; the replay waits for it", ex);
                if (config.maxBlockMs() < 10) {
                    LockSupport.parkNanos(RETRY_PAUSE_NANOS); // the producer did not wait: do not spin
                }
            } catch (KafkaException | IllegalStateException ex) {
                // IllegalStateException: the producer was closed under a sender that close() gave up on
                inFlight.decrementAndGet();
                if (abandoned) {
                    droppedAbandoned.increment();
                    return;
                }
                droppedDelivery.increment();
                logRateLimited("Kafka producer error", ex);
                failIfBlocking(ex);
                return;
            }
        }
    }

    private void acknowledged(RecordMetadata meta, Exception error) {
        inFlight.decrementAndGet();
        if (error == null) {
            published.increment();
            return;
        }
        droppedDelivery.increment();
        logRateLimited("Kafka did not acknowledge an exchange", error);
        failIfBlocking(error);
    }

    /** A blocking publisher must lose nothing: an exchange Kafka refused ends the replay, named. */
    private void failIfBlocking(Exception error) {
        if (backpressure == Backpressure.BLOCK && failure.get() == null) {
            fail("Kafka did not acknowledge an exchange: " + error);
        }
    }

    private void logRateLimited(String message, Throwable error) {
        errors.warn(ERROR_LOG, message, error); // no formatting here: a suppressed line allocates nothing
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

    /**
     * Stops accepting, sends what is queued, and waits up to {@code timeout} for Kafka to acknowledge it.
     * What is still queued when the time is up is dropped and counted ({@code abandoned}); what the producer
     * still holds fails its callback ({@code delivery_failed}). Safe to call more than once.
     */
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
        abandoned = true;
        for (int lane = 0; lane < queue.lanes(); lane++) {
            while (queue.pollNow(lane) != null) {
                droppedAbandoned.increment();
            }
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
