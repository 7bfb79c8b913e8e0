package io.periscope.server.health;

import io.periscope.server.config.Role;
import io.periscope.server.kafka.KafkaStatus;
import io.periscope.server.roles.RoleHealth;
import io.periscope.server.roles.Roles;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Computes readiness and liveness from Kafka's last probe and each role's own report. Readiness: Kafka is
 * reachable and every role this process runs serves. Liveness: no role has failed; Kafka being unreachable,
 * a rebalance or a restore make the process not ready, never dead (a restart would not help).
 */
@Singleton
public class HealthService {
    private final KafkaProbe kafka;
    private final Roles roles;

    public HealthService(KafkaProbe kafka, Roles roles) {
        this.kafka = kafka;
        this.roles = roles;
    }

    public HealthReport report() {
        KafkaStatus kafkaStatus = kafka.latest();
        boolean live = true;
        boolean serving = kafkaStatus.reachable();
        Map<String, RoleHealth> byName = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            RoleHealth health = roles.health(role);
            live &= health.status() != RoleHealth.Status.DOWN;
            serving &= health.status().serving();
            byName.put(role.id(), health);
        }
        boolean ready = live && serving;
        String status = !live ? "DOWN" : ready ? "UP" : "NOT_READY";
        return new HealthReport(status, live, ready, kafkaStatus, byName);
    }
}
