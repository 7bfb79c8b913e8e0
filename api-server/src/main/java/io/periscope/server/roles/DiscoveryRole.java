package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.streams.DiscoveryStreams;
import io.periscope.server.config.DiscoverySettings;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.health.ComponentHealth;
import io.periscope.server.health.RoleComponent;
import io.periscope.server.kafka.KafkaRuntime;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The discovery role: the catalog Kafka Streams application. Its state lives in local stores backed
 * by changelog topics, so a restart or a rebalance restores it.
 */
@Context
@Requires(condition = DiscoveryRole.Enabled.class)
public class DiscoveryRole implements RoleComponent {
    private final DiscoveryStreams streams;
    private final DiscoverySettings settings;

    public DiscoveryRole(PeriscopeSettings periscope, KafkaRuntime kafka, MeterRegistry registry) {
        this.settings = periscope.discovery();
        Properties props = DiscoveryStreams.properties(kafka.clientProperties(), settings.applicationId(),
                settings.stateDir(), settings.threads(), settings.commitInterval());
        this.streams = new DiscoveryStreams(props, settings.catalog(), settings.inputs(), new DiscoveryMetrics(registry));
        this.streams.start();
    }

    @Override
    public Role role() {
        return Role.DISCOVERY;
    }

    @Override
    public ComponentHealth health() {
        KafkaStreams.State state = streams.state();
        int restoring = streams.restoringPartitions();
        Map<String, Object> details = Map.of("applicationId", settings.applicationId(), "state", state.name(),
                "restoringPartitions", restoring);
        return new ComponentHealth(status(state, restoring), details);
    }

    /**
     * Serving only when RUNNING with no store restoring: Kafka Streams reports RUNNING while its state updater
     * still restores stores from their changelogs (after a restart or a move of partitions), and until that
     * ends the catalog published is incomplete. Starting and rebalancing recover by themselves (NOT_READY);
     * a client that stopped or failed does not (DOWN).
     */
    static ComponentHealth.Status status(KafkaStreams.State state, int restoringPartitions) {
        return switch (state) {
            case RUNNING -> restoringPartitions == 0 ? ComponentHealth.Status.UP : ComponentHealth.Status.NOT_READY;
            case CREATED, REBALANCING -> ComponentHealth.Status.NOT_READY;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> ComponentHealth.Status.DOWN;
        };
    }

    @PreDestroy
    public void stop() {
        streams.close();
    }

    public static final class Enabled extends RoleCondition {
        public Enabled() {
            super(Role.DISCOVERY);
        }
    }
}
