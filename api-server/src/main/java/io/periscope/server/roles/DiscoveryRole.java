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
        this.streams = new DiscoveryStreams(props, settings.catalog(), new DiscoveryMetrics(registry));
        this.streams.start();
    }

    @Override
    public Role role() {
        return Role.DISCOVERY;
    }

    @Override
    public ComponentHealth health() {
        KafkaStreams.State state = streams.state();
        Map<String, Object> details = Map.of("applicationId", settings.applicationId(), "state", state.name());
        return switch (state) {
            case RUNNING, REBALANCING, CREATED -> ComponentHealth.up(details);
            default -> ComponentHealth.down(details);
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
