package io.periscope.server.roles;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.periscope.detection.intake.ExchangeIntake;
import io.periscope.detection.intake.IntakeStats;
import io.periscope.server.config.Role;
import io.periscope.server.health.ComponentHealth;
import io.periscope.server.health.RoleComponent;
import io.periscope.server.kafka.KafkaRuntime;
import jakarta.annotation.PreDestroy;
import java.util.Map;

/** The detection role: consumes exchanges in its own consumer group. */
@Context
@Requires(condition = DetectionRole.Enabled.class)
public class DetectionRole implements RoleComponent {
    private final ExchangeIntake intake;

    public DetectionRole(KafkaRuntime kafka) {
        // Detectors arrive with the detection issue; the intake already accounts for every record.
        this.intake = new ExchangeIntake(kafka.clientProperties(), exchange -> { }).start();
    }

    @Override
    public Role role() {
        return Role.DETECTION;
    }

    @Override
    public ComponentHealth health() {
        IntakeStats stats = intake.stats();
        return ComponentHealth.up(Map.of(
                "consumerGroup", ExchangeIntake.GROUP_ID,
                "exchangesConsumed", stats.consumed(),
                "unreadable", stats.unreadable(),
                "unsupportedVersion", stats.unsupportedVersion(),
                "assignedPartitions", stats.partitions(),
                "lag", stats.lag()));
    }

    public IntakeStats stats() {
        return intake.stats();
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        intake.close();
    }

    public static final class Enabled extends RoleCondition {
        public Enabled() {
            super(Role.DETECTION);
        }
    }
}
