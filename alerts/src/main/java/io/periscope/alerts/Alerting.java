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
import io.periscope.events.kafka.SkipCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The alerting stage, assembled: the destination store (always, for the API), and, once {@link #startDelivery()}
 * runs, the decider and the delivery worker. A process running the API only manages destinations and sends tests;
 * the process running the alerting stage decides and delivers. Close releases whatever was started.
 */
public final class Alerting implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientProperties;
    private final AlertsConfig config;
    private final SkipCounter skips;
    private final LongSupplier clock;
    private final DestinationStore store;
    private final WebhookSender sender;
    private AlertDecider decider;
    private DeliveryWorker worker;
    private final DeliveryMetrics metrics;

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
        worker = new DeliveryWorker(clientProperties, store, sender, config.delivery(), metrics, skips, clock).start();
        decider = new AlertDecider(clientProperties, store::all,
                new StormGuard(config.digestThreshold(), config.digestWindow().toMillis()), skips, clock).start(START_TIMEOUT);
        return this;
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
        return decider == null ? 0 : decider.decided();
    }

    /**
     * Why deciding or delivering stopped on its own (an unexpected error; the log has the stack), empty while both
     * run: alerts are then neither lost nor sent until a restart, and the role's health must say so.
     */
    public List<String> failures() {
        List<String> out = new ArrayList<>(2);
        String d = decider == null ? null : decider.failure();
        String w = worker == null ? null : worker.failure();
        if (d != null) {
            out.add("decider: " + d);
        }
        if (w != null) {
            out.add("delivery: " + w);
        }
        return out;
    }

    /** Stops deciding and delivering; the store stays (used by {@link #close()} and by restart tests). */
    public void stopDelivery() throws InterruptedException {
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
        if (decider != null) {
            decider.halt();
            decider = null;
        }
        if (worker != null) {
            worker.close();
            worker = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopDelivery();
        store.close();
    }
}
