package io.periscope.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.alerts.delivery.Attempt;
import io.periscope.alerts.delivery.DeliveryMetrics;
import io.periscope.alerts.delivery.DeliveryWorker;
import io.periscope.alerts.delivery.PinnedHttpClient;
import io.periscope.alerts.delivery.WebhookSender;
import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.destination.DestinationRules;
import io.periscope.alerts.destination.DestinationStore;
import io.periscope.alerts.destination.SecretBox;
import io.periscope.alerts.format.Formats;
import io.periscope.alerts.format.IncidentLinks;
import io.periscope.alerts.outbox.AlertDecider;
import io.periscope.alerts.outbox.AlertKind;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.alerts.policy.StormGuard;
import io.periscope.alerts.safety.DestinationGuard;
import io.periscope.alerts.supervise.LoopSupervisor;
import io.periscope.events.kafka.SkipCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting stage, assembled: the destination store (always, for the API), and, once {@link #startDelivery()}
 * runs, the decider and the delivery worker. A process running the API only manages destinations and sends tests;
 * the process running the alerting stage decides and delivers. Close releases whatever was started.
 *
 * <p>Each of the two loops runs under a {@link LoopSupervisor}: one that stops on an unexpected error is started
 * again after a backoff, checked once a second by one timer thread.
 */
public final class Alerting implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

    private final Map<String, Object> clientProperties;
    private final AlertsConfig config;
    private final SkipCounter skips;
    private final LongSupplier clock;
    private final DestinationStore store;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    /** Alerts decided by deciders that failed and were replaced. */
    private final AtomicLong decidedBefore = new AtomicLong();
    private LoopSupervisor<AlertDecider> decider;
    private LoopSupervisor<DeliveryWorker> worker;
    private ScheduledExecutorService supervision;

    public Alerting(Map<String, Object> clientProperties, AlertsConfig config, MeterRegistry registry, SkipCounter skips,
                    LongSupplier clock) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.config = config;
        this.skips = skips;
        this.clock = clock;
        this.metrics = new DeliveryMetrics(registry);
        DestinationGuard guard = new DestinationGuard(config.allowHttp(), config.allowedCidrs());
        this.store = new DestinationStore(clientProperties, new SecretBox(config.secretKey()), new DestinationRules(guard),
                config.rotationGrace(), config.declared(), skips);
        this.sender = new WebhookSender(store, guard, new Formats(new IncidentLinks(config.externalBaseUrl())),
                new PinnedHttpClient(config.connectTimeout(), config.readTimeout(), config.maxResponseBytes(),
                        config.trustStore().socketFactory()));
    }

    /** Reads the destinations; waits until the topic has been read so the first answers are complete. */
    public Alerting startStore() throws InterruptedException {
        store.start();
        store.awaitCaughtUp(START_TIMEOUT);
        return this;
    }

    /** Starts deciding and delivering (the alerting stage proper). */
    public Alerting startDelivery() throws InterruptedException {
        worker = new LoopSupervisor<DeliveryWorker>("delivery",
                () -> new DeliveryWorker(clientProperties, store, sender, config.delivery(), metrics, skips, clock).start(),
                failed -> { }, System::nanoTime).start();
        decider = new LoopSupervisor<AlertDecider>("decider",
                () -> new AlertDecider(clientProperties, store::all,
                        new StormGuard(config.digestThreshold(), config.digestWindow().toMillis()), skips, clock)
                        .start(START_TIMEOUT),
                failed -> decidedBefore.addAndGet(failed.decided()), System::nanoTime).start();
        supervision = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alert-supervisor");
            t.setDaemon(true);
            return t;
        });
        supervision.scheduleWithFixedDelay(this::supervise, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    private void supervise() {
        try {
            worker.check();
            decider.check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: the loops would then stay down unseen
            LOG.error("alert loop supervision step failed", e);
        }
    }

    public DestinationStore destinations() {
        return store;
    }

    /** Sends a signed test event to the destination now, outside the outbox, and returns the receiver's answer. */
    public Attempt test(Destination destination) {
        long now = clock.getAsLong();
        OutboxEntry entry = new OutboxEntry(OutboxEntry.SCHEMA_VERSION, "msg_test_" + UUID.randomUUID().toString().replace("-", ""),
                destination.id(), AlertKind.TEST, null, null, null, null, null, 0, now, now);
        return sender.send(destination, entry, now);
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    /** Alerts decided since start; 0 before {@link #startDelivery()}. */
    public long decided() {
        AlertDecider d = decider == null ? null : decider.current();
        return decidedBefore.get() + (d == null ? 0 : d.decided());
    }

    /**
     * Why deciding or delivering is stopped (an unexpected error; the log has the stack) while its restart is
     * pending, empty while both run. Alerts are neither lost nor sent meanwhile: they wait on their topics.
     */
    public List<String> failures() {
        List<String> out = new ArrayList<>(2);
        for (LoopSupervisor<?> s : supervisors()) {
            String why = s.failure();
            if (why != null) {
                out.add(s.name() + ": " + why + " (restarted " + s.restarts() + " times so far)");
            }
        }
        return out;
    }

    /** Whether a loop keeps failing right after each restart, so that only a restart of the process may help. */
    public boolean notRecovering() {
        return supervisors().stream().anyMatch(LoopSupervisor::givenUp);
    }

    /** Restarts of the decider and delivery loops since start. */
    public long restarts() {
        return supervisors().stream().mapToLong(LoopSupervisor::restarts).sum();
    }

    private List<LoopSupervisor<?>> supervisors() {
        List<LoopSupervisor<?>> out = new ArrayList<>(2);
        if (decider != null) {
            out.add(decider);
        }
        if (worker != null) {
            out.add(worker);
        }
        return out;
    }

    /** Stops deciding and delivering; the store stays (used by {@link #close()} and by restart tests). */
    public void stopDelivery() throws InterruptedException {
        stopSupervision();
        if (decider != null) {
            decider.close();
            decider = null;
        }
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    /** Stops the decider as a crash would (nothing held is flushed) and the delivery worker cleanly. */
    public void haltDecider() throws InterruptedException {
        stopSupervision();
        AlertDecider d = decider == null ? null : decider.current();
        if (d != null) {
            d.halt();
        }
        decider = null;
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    private void stopSupervision() throws InterruptedException {
        if (supervision != null) {
            supervision.shutdown(); // not shutdownNow: an interrupted restart would leak the loop it was starting
            if (!supervision.awaitTermination(90, TimeUnit.SECONDS)) {
                LOG.warn("alert loop supervision did not stop within 90 s");
            }
            supervision = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopDelivery();
        store.close();
    }
}
