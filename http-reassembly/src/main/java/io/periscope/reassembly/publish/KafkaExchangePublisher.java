package io.periscope.reassembly.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
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
 * threads (a service key always maps to the same one, keeping per-service order) serialize (in the configured
 * {@link io.periscope.events.kafka.RecordFormat}, Avro by default, its schema id in a record header) and hand
 * exchanges to one idempotent producer (acks=all) that batches and compresses; they are the only threads
 * that wait on the producer (bounded by max.block.ms), and the producer reconnects and resumes by itself
 * when the broker returns. In blocking mode an exchange Kafka failed to take for a passing reason (a
 * {@link RetriableException}: broker restarting, metadata not yet there) is sent again, until Kafka has
 * acknowledged nothing for {@code delivery-timeout-ms}; only then does the publisher fail.
 *
 * <p>Every exchange offered ends in exactly one counter, so the counts reconcile:
 * {@code offered = accepted + dropped{queue_full, closed, publisher_failed}} and
 * {@code accepted = published + dropped{send_timeout, serialization, delivery_failed, abandoned}
 * + queue.size + in.flight} ({@code in.flight}: taken from the queue, neither acknowledged nor dropped,
 * retries included).
 */
public final class KafkaExchangePublisher implements ExchangeSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaExchangePublisher.class);
    public static final String PREFIX = PublisherMeters.PREFIX;
    private static final String ERROR_LOG =
            "{} (further errors counted in " + PREFIX + "exchanges.dropped, logged at most every 30 s)";
    private static final int OVERHEAD_BYTES = 1024;
    /** A blocking sender retrying a send the producer could not take waits at least this long in between. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final String TIMEOUT_KEY = " ms (periscope.reassembly.kafka.delivery-timeout-ms)";

    /** An exchange to send again, with the time of its first attempt (the stall clock of a lone exchange). */
    private record Retry(HttpExchange exchange, long firstAttemptNanos) {
    }

    private final PublisherConfig config;
    private final Backpressure backpressure;
    private final long stallNanos;
    private final Producer<String, HttpExchange> producer;
    private final PublishQueue queue;
    private final ConcurrentLinkedQueue<Retry> retries = new ConcurrentLinkedQueue<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final PublisherMeters meters;
    private final Thread[] threads;
    private volatile boolean running = true;
    /** Set when close gave up waiting: senders drop (count) what is left instead of sending it. */
    private volatile boolean abandoned;
    /** When Kafka last acknowledged an exchange: blocking mode fails after {@code delivery-timeout-ms} without one. */
    private volatile long lastAckNanos = System.nanoTime();
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
        int n = config.senderThreads();
        this.queue = new PublishQueue(n, config.maxQueuedExchanges(), config.maxQueuedBytes());
        this.producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(),
                new ExchangeSerializer(config.recordFormat()));
        this.meters = new PublisherMeters(registry);
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

    /**
     * Queues the exchange. {@link Backpressure#DROP}: never waits, drops and counts when the queue is full.
     * {@link Backpressure#BLOCK}: waits for room; gives up (counted) only on close or failure, or when the
     * queue stays full for {@code delivery-timeout-ms}, which fails the publisher.
     */
    @Override
    public void accept(HttpExchange exchange) {
        if (!running) {
            meters.closed.increment();
            return;
        }
        if (failure.get() != null) {
            meters.failed.increment();
            return;
        }
        PublishQueue.Entry entry = queue.entry(exchange, estimate(exchange));
        // one service always goes through the same thread: its exchanges reach the producer in order
        int lane = Math.floorMod(exchange.serviceKey().hashCode(), queue.lanes());
        if (queue.offer(lane, entry)) {
            meters.accepted.increment();
        } else if (backpressure == Backpressure.DROP) {
            meters.queueFull.increment();
        } else if (waitForRoom(lane, entry)) {
            meters.accepted.increment();
        }
    }

    private boolean waitForRoom(int lane, PublishQueue.Entry entry) {
        try {
            if (queue.put(lane, entry, System.nanoTime() + stallNanos, this::keepWaiting)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            meters.closed.increment();
            return false;
        }
        if (!running) {
            meters.closed.increment();
            return false;
        }
        if (failure.get() == null) {
            fail("the publish queue stayed full for " + config.deliveryTimeoutMs() + TIMEOUT_KEY
                    + ": Kafka took no exchange in that time");
        }
        meters.failed.increment();
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

    /** JSON's size (bodies in base64), an upper bound of Avro's: the queue's byte bound holds for both formats. */
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

    private boolean giveUp() {
        return abandoned || failure.get() != null;
    }

    /** A sender lives while it may have work: its lane, retries, or (blocking) exchanges Kafka may still fail. */
    private boolean hasWork(int lane) {
        return running || !queue.isEmpty(lane) || !retries.isEmpty()
                || (backpressure == Backpressure.BLOCK && inFlight.get() > 0 && !giveUp());
    }

    private void run(int lane) {
        while (hasWork(lane)) {
            Retry retry = retries.poll();
            if (retry != null) {
                if (giveUp()) {
                    settle(meters.abandoned);
                } else {
                    send(retry.exchange(), retry.firstAttemptNanos());
                }
                continue;
            }
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
            inFlight.incrementAndGet();
            if (giveUp()) {
                settle(meters.abandoned);
            } else {
                send(e.exchange(), System.nanoTime());
            }
        }
    }

    /** The exchange's last counter: it leaves {@code in.flight}. */
    private void settle(Counter outcome) {
        inFlight.decrementAndGet();
        outcome.increment();
    }

    private boolean stalled(long firstAttemptNanos) {
        return System.nanoTime() - Math.max(lastAckNanos, firstAttemptNanos) >= stallNanos;
    }

    private void send(HttpExchange exchange, long firstAttemptNanos) {
        ProducerRecord<String, HttpExchange> record = new ProducerRecord<>(config.topic(), exchange.serviceKey(), exchange);
        while (true) {
            try {
                producer.send(record, (meta, error) -> acknowledged(exchange, firstAttemptNanos, error));
                return;
            } catch (SerializationException ex) {
                settle(meters.serialization);
                logRateLimited("cannot serialize an exchange", ex);
                return;
            } catch (TimeoutException ex) {
                if (backpressure == Backpressure.DROP) {
                    settle(meters.sendTimeout);
                    logRateLimited("Kafka unavailable; exchanges are being dropped", ex);
                    return;
                }
                if (giveUp()) {
                    settle(meters.abandoned);
                    return;
                }
                if (stalled(firstAttemptNanos)) {
                    settle(meters.sendTimeout);
                    fail("Kafka took no exchange for " + config.deliveryTimeoutMs() + TIMEOUT_KEY + ": " + ex.getMessage());
                    return;
                }
                logRateLimited("Kafka cannot take exchanges; the blocking publisher waits for it", ex);
                if (config.maxBlockMs() < 10) {
                    LockSupport.parkNanos(RETRY_PAUSE_NANOS); // the producer did not wait: do not spin
                }
            } catch (KafkaException | IllegalStateException ex) {
                // IllegalStateException: the producer was closed under a sender that close() gave up on
                if (abandoned) {
                    settle(meters.abandoned);
                    return;
                }
                settle(meters.deliveryFailed);
                logRateLimited("Kafka producer error", ex);
                failIfBlocking(ex);
                return;
            }
        }
    }

    /** The producer's callback (its I/O thread): never blocks, never sends. */
    private void acknowledged(HttpExchange exchange, long firstAttemptNanos, Exception error) {
        if (error == null) {
            lastAckNanos = System.nanoTime();
            settle(meters.published);
            return;
        }
        if (abandoned) {
            settle(meters.abandoned);
            return;
        }
        if (backpressure == Backpressure.BLOCK && error instanceof RetriableException && failure.get() == null) {
            if (!stalled(firstAttemptNanos)) {
                logRateLimited("Kafka did not acknowledge an exchange; sending it again", error);
                retries.add(new Retry(exchange, firstAttemptNanos));
                return;
            }
            settle(meters.deliveryFailed);
            fail("Kafka acknowledged no exchange for " + config.deliveryTimeoutMs() + TIMEOUT_KEY + ": " + error);
            return;
        }
        settle(meters.deliveryFailed);
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
        return meters.snapshot();
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
     * What is not published when the time is up is dropped and counted ({@code abandoned}). Safe to call
     * more than once.
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
                meters.abandoned.increment();
            }
        }
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        // after close every callback has run: a retry queued meanwhile will never be sent
        while (retries.poll() != null) {
            settle(meters.abandoned);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
