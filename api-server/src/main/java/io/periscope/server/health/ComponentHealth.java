package io.periscope.server.health;

import java.util.Map;

/**
 * The state of one component (a role or Kafka) as shown by /health.
 *
 * @param status  UP; DOWN; IDLE (configured, but this build has nothing to run for it); or DISABLED
 *                (the role does not run in this process)
 * @param details small facts that help an operator (counters, addresses), never secrets
 */
public record ComponentHealth(Status status, Map<String, Object> details) {
    public enum Status { UP, DOWN, IDLE, DISABLED }

    public ComponentHealth {
        details = Map.copyOf(details);
    }

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(Status.UP, details);
    }

    public static ComponentHealth down(Map<String, Object> details) {
        return new ComponentHealth(Status.DOWN, details);
    }

    public static ComponentHealth idle(String reason) {
        return new ComponentHealth(Status.IDLE, Map.of("reason", reason));
    }

    public static ComponentHealth disabled() {
        return new ComponentHealth(Status.DISABLED, Map.of());
    }
}
