package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.mirror.warmup.WarmUp;
import io.periscope.mirror.warmup.WarmUpReport;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.receiver.ExchangePipeline;
import io.periscope.server.receiver.WarmUpSinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver role: mirrored packets in from the network (UDP VXLAN/GENEVE, the NLB health listener,
 * optional live capture), reassembled into HTTP exchanges, published to {@code periscope.exchanges}.
 *
 * <p>Readiness: with warm-up enabled (the default), the role first pushes synthetic traffic through the
 * packet path on a thread of its own ({@link WarmUp}) and only then opens its UDP sockets and the NLB
 * health-check port; until then it reports NOT_READY and the health port refuses connections, so a
 * load balancer sends nothing to a receiver that would drop it.
 *
 * <p>Stop order matters: the receiver stops first and drains its worker queues into reassembly,
 * which flushes open connections into the publisher, which is closed last so that everything
 * accepted reaches Kafka.
 */
public final class ReceiverRole implements PeriscopeRole {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverRole.class);
    private static final Duration PUBLISH_DRAIN = Duration.ofSeconds(10);

    private final PeriscopeSettings settings;
    private final Map<String, Object> clientProperties;
    private final MeterRegistry registry;
    private ExchangePipeline pipeline;
    private volatile MirrorReceiver receiver;
    private volatile WarmUpReport warmUp = WarmUpReport.SKIPPED;
    private volatile String failure;
    private Thread starter;
    private boolean closed;

    public ReceiverRole(PeriscopeSettings settings, Map<String, Object> clientProperties, MeterRegistry registry) {
        this.settings = settings;
        this.clientProperties = Map.copyOf(clientProperties);
        this.registry = registry;
    }

    @Override
    public Role role() {
        return Role.RECEIVER;
    }

    @Override
    public List<String> consumes() {
        return List.of();
    }

    @Override
    public List<String> produces() {
        return List.of(Topics.EXCHANGES);
    }

    @Override
    public void start() throws InterruptedException {
        pipeline = new ExchangePipeline(settings, clientProperties, registry);
        if (!settings.receiver().warmUp().enabled()) {
            openSockets();
            return;
        }
        starter = new Thread(this::warmUpThenOpenSockets, "periscope-receiver-warmup");
        starter.setDaemon(true);
        starter.start();
    }

    private void warmUpThenOpenSockets() {
        try {
            WarmUpSinks sinks = new WarmUpSinks(settings);
            WarmUpReport report = WarmUp.run(settings.receiver(), sinks.sinks(), sinks::exchanges);
            warmUp = report;
            if (report.selfTestPassed()) {
                LOG.info("Receiver warmed up: {}", report.describe());
            } else {
                LOG.warn("Receiver warm-up self-test failed, the pipeline lost synthetic exchanges: {}", report.describe());
            }
            openSockets();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed while warming up
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.error("The mirror receiver did not start", e);
        }
    }

    private synchronized void openSockets() {
        if (closed) {
            return;
        }
        MirrorReceiver created = new MirrorReceiver(settings.receiver(), pipeline.sinks(), registry);
        try {
            created.start(); // closes itself when it fails
            receiver = created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mirror receiver: " + e.getMessage(), e);
        }
    }

    @Override
    public RoleHealth health() {
        MirrorReceiver r = receiver;
        Map<String, Object> details = new LinkedHashMap<>();
        if (failure != null) {
            details.put("error", failure);
            return RoleHealth.down(details);
        }
        if (r == null) {
            details.put("phase", "warming up: synthetic traffic through the packet path before opening the sockets");
            return RoleHealth.notReady(details);
        }
        ReceiverStats stats = r.stats();
        details.put("transport", r.transport());
        details.put("udpPort", r.udpPort());
        details.put("healthCheckPort", r.healthPort());
        details.put("packetsReceived", stats.received());
        details.put("packetsDecoded", stats.decoded());
        details.put("packetsSkipped", stats.skipped());
        details.put("packetsDuplicate", stats.duplicates());
        details.put("queueDropped", stats.queueDropped());
        details.put("kernelDropped", r.kernelDropped());
        details.put("exchangesPublished", pipeline.published());
        if (warmUp != WarmUpReport.SKIPPED) {
            details.put("warmUp", warmUp.describe());
        }
        return RoleHealth.up(details);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (starter != null) {
            starter.interrupt();
            joinUninterruptibly(starter);
        }
        try {
            if (receiver != null) {
                receiver.close();
            }
        } finally {
            if (pipeline != null) {
                pipeline.close(PUBLISH_DRAIN);
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
