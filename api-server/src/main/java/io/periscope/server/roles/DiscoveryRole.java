package io.periscope.server.roles;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.streams.DiscoveryStreams;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.DiscoverySettings;
import io.periscope.server.config.Role;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The discovery role: the catalog Kafka Streams application. Its state lives in local stores backed
 * by changelog topics, so a restart or a rebalance restores it.
 */
public final class DiscoveryRole implements PeriscopeRole {
    private final DiscoverySettings settings;
    private final Map<String, Object> clientProperties;
    private final MeterRegistry registry;
    private DiscoveryStreams streams;

    public DiscoveryRole(DiscoverySettings settings, Map<String, Object> clientProperties, MeterRegistry registry) {
        this.settings = settings;
        this.clientProperties = Map.copyOf(clientProperties);
        this.registry = registry;
    }

    @Override
    public Role role() {
        return Role.DISCOVERY;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.EXCHANGES, Topics.TEMPLATE_RULES);
    }

    @Override
    public List<String> produces() {
        return List.of(Topics.CATALOG, Topics.CHANGES, Topics.FINDINGS, Topics.PROBED_PATHS, Topics.SERIES);
    }

    @Override
    public void start() {
        Properties props = DiscoveryStreams.properties(clientProperties, settings.applicationId(),
                settings.stateDir(), settings.threads(), settings.commitInterval());
        streams = new DiscoveryStreams(props, settings.catalog(), settings.inputs(), new DiscoveryMetrics(registry));
        streams.start();
    }

    @Override
    public RoleHealth health() {
        KafkaStreams.State state = streams.state();
        int restoring = streams.restoringPartitions();
        Map<String, Object> details = Map.of("applicationId", settings.applicationId(), "state", state.name(),
                "restoringPartitions", restoring);
        return new RoleHealth(status(state, restoring), details);
    }

    /**
     * Serving only when RUNNING with no store restoring: Kafka Streams reports RUNNING while its state updater
     * still restores stores from their changelogs (after a restart or a move of partitions), and until that
     * ends the catalog published is incomplete. Starting and rebalancing recover by themselves (NOT_READY);
     * a client that stopped or failed does not (DOWN).
     */
    static RoleHealth.Status status(KafkaStreams.State state, int restoringPartitions) {
        return switch (state) {
            case RUNNING -> restoringPartitions == 0 ? RoleHealth.Status.UP : RoleHealth.Status.NOT_READY;
            case CREATED, REBALANCING -> RoleHealth.Status.NOT_READY;
            case PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR -> RoleHealth.Status.DOWN;
        };
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
    }
}
