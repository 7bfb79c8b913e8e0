package io.periscope.alerts.delivery;

import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.destination.DestinationStore;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.alerts.supervise.SupervisedLoop;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import io.periscope.events.log.ThrottledLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One loop thread owns the Kafka clients; HTTP requests run on a bounded pool of sender threads
 * and hand their {@link Attempt} back to the loop.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Each destination has its own queue, ordered by due time, and at most one request in flight: a slow or dead
 *       receiver occupies one sender thread at a time and, once its {@link CircuitBreaker} opens, none.</li>
 *   <li>Every result is written in one Kafka transaction with the outbox offsets it finishes: the delivery log
 *       record, and either a retry (the entry again, attempt + 1, due at the backoff time) or a dead letter. So a
 *       pending retry lives on the outbox, and a crash can only repeat an attempt, never lose one.</li>
 *   <li>An outbox offset is committed only when it and every offset before it on its partition are finished
 *       ({@link OffsetTracker}). On a clean {@link #close()} the alerts still waiting are written back to the outbox
 *       in the final transaction, so the commit reaches the end and nothing delivered is sent again after a restart.</li>
 * </ul>
 */
public final class DeliveryWorker implements SupervisedLoop {
    public static final String GROUP_ID = "periscope-alerts-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** A failed attempt of a breaker that is open is not due before the breaker lets one through. */
    private static final Comparator<Pending> DUE_ORDER = Comparator.comparingLong((Pending p) -> p.entry.notBeforeMillis())
            .thenComparingLong(p -> p.offset);

    private final DestinationStore store;
    private final WebhookSender sender;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final LongSupplier clock;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final TopicReader<OutboxEntry> reader;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final JsonSerde<OutboxEntry> outboxSerde = JsonSerde.of(OutboxEntry.class);
    private final JsonSerde<DeliveryRecord> logSerde = JsonSerde.of(DeliveryRecord.class);
    private final JsonSerde<DeadLetter> deadSerde = JsonSerde.of(DeadLetter.class);
    private final ExecutorService senders;
    private final ConcurrentLinkedQueue<Done> completions = new ConcurrentLinkedQueue<>();
    private final Map<String, PriorityQueue<Pending>> queues = new HashMap<>();
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Requests started and not yet handed back; read by the loop when it drains on close. */
    private final AtomicInteger sending = new AtomicInteger();
    private final OffsetTracker offsets = new OffsetTracker();
    private final ThrottledLogger warnings = new ThrottledLogger(LOG, Duration.ofMinutes(1));
    private final Thread thread;
    private volatile boolean running = true;
    /** Why the loop ended without being asked to, or null: the role's health reports it. */
    private volatile String failure;

    private record Pending(TopicPartition tp, long offset, OutboxEntry entry) {
    }

    /** @param sent whether a sender thread made the attempt (and so the destination had a request in flight) */
    private record Done(Pending pending, Attempt attempt, boolean sent) {
    }

    public DeliveryWorker(Map<String, Object> clientProperties, DestinationStore store, WebhookSender sender,
                          DeliverySettings settings, DeliveryMetrics metrics, SkipCounter skips, LongSupplier clock) {
        this.store = store;
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.reader = TopicReader.of(OutboxEntry.class, OutboxEntry.SCHEMA_VERSION, skips, LOG).requiringKey();
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP_ID + "-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.senders = new ThreadPoolExecutor(settings.senderThreads(), settings.senderThreads(), 1, TimeUnit.MINUTES,
                // never more tasks than destinations with one in flight, each bounded by the thread count
                new ArrayBlockingQueue<>(settings.senderThreads() * 4), r -> {
                    Thread t = new Thread(r, "alert-sender");
                    t.setDaemon(true);
                    return t;
                });
        this.thread = new Thread(this::run, "alert-delivery");
    }

    public DeliveryWorker start() {
        producer.initTransactions();
        consumer.subscribe(List.of(Topics.ALERT_OUTBOX), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                queues.values().forEach(q -> q.removeIf(p -> partitions.contains(p.tp)));
                offsets.forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // positions come from the committed offsets
            }
        });
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(inFlight.isEmpty() ? POLL : Duration.ofMillis(20))) {
                    accept(record);
                }
                transact(false);
                dispatch();
            }
            drainInFlight();
            transact(true);
        } catch (WakeupException e) {
            if (running) {
                failure = "woken up unexpectedly";
                LOG.error("alert delivery woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("alert delivery stopped: {}", e.getMessage(), e);
        } finally {
            senders.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        offsets.seen(tp, record.offset());
        OutboxEntry entry = reader.read(record);
        if (entry == null) {
            offsets.done(tp, record.offset()); // skipped, counted and logged by the reader
            return;
        }
        PriorityQueue<Pending> queue = queues.computeIfAbsent(entry.destinationId(), k -> new PriorityQueue<>(DUE_ORDER));
        Pending pending = new Pending(tp, record.offset(), entry);
        if (queue.size() >= settings.maxQueuedPerDestination()) {
            completions.add(new Done(pending, new Attempt(entry.webhookId(), DeliveryResult.FAILED, null,
                    "the destination's queue is full (" + settings.maxQueuedPerDestination() + " alerts waiting)"), false));
            return;
        }
        queue.add(pending);
    }

    /** Starts a request for every destination that has none in flight, a due alert, and a closed breaker. */
    private void dispatch() {
        long now = clock.getAsLong();
        long size = 0;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, PriorityQueue<Pending>> e : queues.entrySet()) {
            String id = e.getKey();
            PriorityQueue<Pending> queue = e.getValue();
            size += queue.size();
            for (Pending p : queue) {
                oldest = Math.min(oldest, p.entry.decidedAtMillis());
            }
            if (queue.isEmpty() || inFlight.contains(id) || inFlight.size() >= settings.senderThreads()) {
                continue;
            }
            Pending head = queue.peek();
            if (head.entry.notBeforeMillis() > now || !breaker(id).allows(now)) {
                continue;
            }
            queue.poll();
            Destination destination = store.get(id).orElse(null);
            if (destination == null || !destination.enabled()) {
                completions.add(new Done(head, new Attempt(head.entry.webhookId(), DeliveryResult.DROPPED, null,
                        destination == null ? "the destination was deleted" : "the destination is disabled"), false));
                continue;
            }
            inFlight.add(id);
            sending.incrementAndGet();
            senders.execute(() -> {
                Attempt attempt;
                try {
                    attempt = sender.send(destination, head.entry, clock.getAsLong());
                } catch (RuntimeException ex) {
                    attempt = new Attempt(head.entry.webhookId(), DeliveryResult.RETRY, null, "internal error: " + ex.getClass().getSimpleName());
                }
                completions.add(new Done(head, attempt, true));
                sending.decrementAndGet();
            });
        }
        metrics.queue(size, size == 0 ? 0 : Math.max(0, now - oldest));
    }

    /** Writes the results gathered since the last call with the offsets they finish, in one transaction. */
    private void transact(boolean closing) {
        List<Done> done = new ArrayList<>();
        for (Done d; (d = completions.poll()) != null; ) {
            done.add(d);
        }
        if (closing) {
            for (PriorityQueue<Pending> queue : queues.values()) {
                for (Pending p : queue) {
                    done.add(new Done(p, null, false)); // written back unchanged: still pending after the restart
                }
                queue.clear();
            }
        }
        if (done.isEmpty() && !closing) {
            Map<TopicPartition, OffsetAndMetadata> moved = offsets.advanced();
            if (!moved.isEmpty()) {
                producer.beginTransaction();
                producer.sendOffsetsToTransaction(moved, consumer.groupMetadata());
                producer.commitTransaction();
            }
            return;
        }
        producer.beginTransaction();
        long now = clock.getAsLong();
        for (Done d : done) {
            record(d, now);
            offsets.done(d.pending.tp, d.pending.offset);
        }
        Map<TopicPartition, OffsetAndMetadata> moved = offsets.advanced();
        if (!moved.isEmpty()) {
            producer.sendOffsetsToTransaction(moved, consumer.groupMetadata());
        }
        producer.commitTransaction();
    }

    private void record(Done d, long now) {
        OutboxEntry entry = d.pending.entry;
        String id = entry.destinationId();
        if (d.attempt == null) {
            producer.send(new ProducerRecord<>(Topics.ALERT_OUTBOX, id, outboxSerde.serialize(Topics.ALERT_OUTBOX, entry)));
            return;
        }
        if (d.sent) {
            inFlight.remove(id);
        }
        Attempt a = d.attempt;
        int attemptNo = entry.attempt() + 1;
        long next = 0;
        DeliveryResult result = a.result();
        String error = a.error();
        switch (result) {
            case DELIVERED -> {
                metrics.sent();
                breaker(id).success();
            }
            case RETRY -> {
                metrics.failed();
                breaker(id).failure(now);
                next = settings.retry().next(entry.decidedAtMillis(), attemptNo, now,
                        a.answer() == null ? null : a.answer().retryAfter(), random);
                if (next < 0) {
                    result = DeliveryResult.FAILED;
                    error = "the retry horizon of " + settings.retry().horizon() + " passed";
                    next = 0;
                } else {
                    metrics.retried();
                    producer.send(new ProducerRecord<>(Topics.ALERT_OUTBOX, id,
                            outboxSerde.serialize(Topics.ALERT_OUTBOX, entry.retry(next))));
                }
            }
            case FAILED, REFUSED -> {
                metrics.failed();
                if (a.answer() != null) {
                    breaker(id).success(); // it answered: the receiver is up, the alert is what it refused
                }
            }
            case DROPPED -> metrics.dropped();
        }
        if (result == DeliveryResult.FAILED || result == DeliveryResult.REFUSED) {
            metrics.deadLettered();
            warnings.warn("alert {} to destination {} dead-lettered: {}", entry.webhookId(), id,
                    error != null ? error : "status " + a.status());
            producer.send(new ProducerRecord<>(Topics.ALERT_DEAD_LETTERS, id, deadSerde.serialize(Topics.ALERT_DEAD_LETTERS,
                    new DeadLetter(DeadLetter.SCHEMA_VERSION, entry.retry(0), result, error != null ? error
                            : "the receiver answered " + a.status(), a.status(), a.answer() == null ? null : a.answer().body(), now))));
        }
        producer.send(new ProducerRecord<>(Topics.ALERT_DELIVERIES, id, logSerde.serialize(Topics.ALERT_DELIVERIES,
                new DeliveryRecord(DeliveryRecord.SCHEMA_VERSION, id, entry.webhookId(), entry.kind(), attemptNo, now,
                        a.status(), result, a.latencyMillis(), next, error))));
    }

    private CircuitBreaker breaker(String id) {
        return breakers.computeIfAbsent(id, k -> new CircuitBreaker(settings.breakerThreshold(),
                settings.breakerCoolDown().toMillis(), settings.breakerMaxCoolDown().toMillis()));
    }

    /** Lets the requests in flight finish (bounded by their timeouts), so their results are written, not repeated. */
    private void drainInFlight() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sending.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Why delivery stopped without a stop being asked for (pending alerts wait on the outbox), or null. */
    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(60_000);
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}
