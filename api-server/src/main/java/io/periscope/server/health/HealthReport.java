package io.periscope.server.health;

import io.periscope.server.kafka.KafkaStatus;
import io.periscope.server.roles.RoleHealth;
import java.util.Map;

/**
 * The detailed health ({@code GET /api/v1/health}).
 *
 * @param status {@code UP} (live and ready), {@code NOT_READY} (live, not serving yet or for now) or
 *               {@code DOWN} (a component failed: the process needs a restart)
 * @param live   no component is DOWN; what {@code /health/live} answers
 * @param ready  live, Kafka reachable, and every role this process runs serving; what {@code /health} answers
 * @param kafka  Kafka as last probed
 * @param roles  every role by name: its status and details
 */
public record HealthReport(String status, boolean live, boolean ready, KafkaStatus kafka, Map<String, RoleHealth> roles) {
}
