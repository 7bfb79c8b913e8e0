package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.receiver.ExchangePipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiver role: mirrored packets in from the network (UDP VXLAN/GENEVE, the NLB health listener,
 * optional live capture), reassembled into HTTP exchanges, published to {@code periscope.exchanges}.
 *
 * <p>Stop order matters: the receiver stops first and drains its worker queues into reassembly,
 * which flushes open connections into the publisher, which is closed last so that everything
 * accepted reaches Kafka.
 */
public final class ReceiverRole implements PeriscopeRole {
    private static final Duration PUBLISH_DRAIN = Duration.ofSeconds(10);

    private final PeriscopeSettings settings;
    private final Map<String, Object> clientProperties;
    private final MeterRegistry registry;
    private ExchangePipeline pipeline;
    private MirrorReceiver receiver;

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
        MirrorReceiver created = new MirrorReceiver(settings.receiver(), pipeline.sinks(), registry);
        try {
            created.start(); // closes itself when it fails
            receiver = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the mirror receiver: " + e.getMessage(), e);
        }
    }

    @Override
    public RoleHealth health() {
        ReceiverStats stats = receiver.stats();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transport", receiver.transport());
        details.put("udpPort", receiver.udpPort());
        details.put("healthCheckPort", receiver.healthPort());
        details.put("packetsReceived", stats.received());
        details.put("packetsDecoded", stats.decoded());
        details.put("packetsSkipped", stats.skipped());
        details.put("packetsDuplicate", stats.duplicates());
        details.put("queueDropped", stats.queueDropped());
        details.put("exchangesPublished", pipeline.published());
        return RoleHealth.up(details);
    }

    @Override
    public void close() {
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
}
