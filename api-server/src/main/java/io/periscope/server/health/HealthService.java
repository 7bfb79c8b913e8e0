package io.periscope.server.health;

import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.kafka.KafkaStatus;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes readiness and liveness from Kafka's last probe and each role's own report. Readiness: Kafka is
 * reachable and every role this process runs serves. Liveness: no role has failed; Kafka being unreachable,
 * a rebalance or a restore make the process not ready, never dead (a restart would not help).
 */
@Singleton
public class HealthService {
    private final PeriscopeSettings settings;
    private final KafkaProbe kafka;
    private final List<RoleComponent> components;

    public HealthService(PeriscopeSettings settings, KafkaProbe kafka, List<RoleComponent> components) {
        this.settings = settings;
        this.kafka = kafka;
        this.components = components;
    }

    public HealthReport report() {
        KafkaStatus kafkaStatus = kafka.latest();
        boolean live = true;
        boolean serving = kafkaStatus.reachable();
        Map<String, ComponentHealth> roles = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            ComponentHealth health = settings.runs(role) ? roleHealth(role) : ComponentHealth.disabled();
            live &= health.status() != ComponentHealth.Status.DOWN;
            serving &= health.status().serving();
            roles.put(role.name().toLowerCase(Locale.ROOT), health);
        }
        boolean ready = live && serving;
        String status = !live ? "DOWN" : ready ? "UP" : "NOT_READY";
        return new HealthReport(status, live, ready, kafkaStatus, roles);
    }

    private ComponentHealth roleHealth(Role role) {
        for (RoleComponent component : components) {
            if (component.role() == role) {
                try {
                    return component.health();
                } catch (RuntimeException e) {
                    // A failing probe is a DOWN role, not a failed health endpoint; its message may quote internals.
                    return ComponentHealth.down(Map.of("error", "the health probe failed; see the server log"));
                }
            }
        }
        return ComponentHealth.idle("this build has nothing to run for the " + role.name().toLowerCase(Locale.ROOT) + " role yet");
    }
}
