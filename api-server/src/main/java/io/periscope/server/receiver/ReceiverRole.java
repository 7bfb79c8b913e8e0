package io.periscope.server.receiver;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.periscope.mirror.MirrorReceiver;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.health.ComponentHealth;
import io.periscope.server.health.RoleComponent;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.roles.RoleCondition;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receiver role: mirrored packets in (UDP, the NLB health listener, optional live capture),
 * reassembled into HTTP exchanges, published to Kafka.
 *
 * <p>Stop order matters: the receiver stops first and drains its worker queues into reassembly,
 * which flushes open connections into the publisher, which is closed last so that everything
 * accepted reaches Kafka.
 */
@Context
@Requires(condition = ReceiverRole.Enabled.class)
public class ReceiverRole implements RoleComponent {
    private static final Duration PUBLISH_DRAIN = Duration.ofSeconds(10);

    private final ExchangePipeline pipeline;
    private final MirrorReceiver receiver;

    public ReceiverRole(PeriscopeSettings settings, KafkaRuntime kafka, MeterRegistry registry) throws InterruptedException {
        this.pipeline = new ExchangePipeline(settings, kafka.clientProperties(), registry);
        this.receiver = new MirrorReceiver(settings.receiver(), pipeline.sinks(), registry);
        try {
            receiver.start();
        } catch (IOException e) {
            pipeline.close(PUBLISH_DRAIN);
            throw new UncheckedIOException("cannot start the mirror receiver: " + e.getMessage(), e);
        }
    }

    /** The bound VXLAN UDP port (differs from the configured one when that was 0). */
    public int udpPort() {
        return receiver.udpPort();
    }

    public int healthCheckPort() {
        return receiver.healthPort();
    }

    @Override
    public Role role() {
        return Role.RECEIVER;
    }

    @Override
    public ComponentHealth health() {
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
        return ComponentHealth.up(details);
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        try {
            receiver.close();
        } finally {
            pipeline.close(PUBLISH_DRAIN);
        }
    }

    public static final class Enabled extends RoleCondition {
        public Enabled() {
            super(Role.RECEIVER);
        }
    }
}
