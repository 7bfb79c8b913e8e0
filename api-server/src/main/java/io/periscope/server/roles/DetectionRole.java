package io.periscope.server.roles;

import io.periscope.detection.intake.ExchangeIntake;
import io.periscope.detection.intake.IntakeStats;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.Role;
import java.util.List;
import java.util.Map;

/**
 * The detection role: consumes {@code periscope.exchanges} in its own consumer group
 * ({@value ExchangeIntake#GROUP_ID}). Detectors arrive with the detection issue; the intake already
 * accounts for every record, so its health shows what detection will see.
 */
public final class DetectionRole implements PeriscopeRole {
    private final Map<String, Object> clientProperties;
    private ExchangeIntake intake;

    public DetectionRole(Map<String, Object> clientProperties) {
        this.clientProperties = Map.copyOf(clientProperties);
    }

    @Override
    public Role role() {
        return Role.DETECTION;
    }

    @Override
    public List<String> consumes() {
        return List.of(Topics.EXCHANGES);
    }

    @Override
    public List<String> produces() {
        return List.of();
    }

    @Override
    public void start() {
        intake = new ExchangeIntake(clientProperties, exchange -> { }).start();
    }

    @Override
    public RoleHealth health() {
        IntakeStats stats = intake.stats();
        return RoleHealth.up(Map.of(
                "consumerGroup", ExchangeIntake.GROUP_ID,
                "exchangesConsumed", stats.consumed(),
                "unreadable", stats.unreadable(),
                "unsupportedVersion", stats.unsupportedVersion(),
                "assignedPartitions", stats.partitions(),
                "lag", stats.lag()));
    }

    @Override
    public void close() throws InterruptedException {
        if (intake != null) {
            intake.close();
        }
    }
}
