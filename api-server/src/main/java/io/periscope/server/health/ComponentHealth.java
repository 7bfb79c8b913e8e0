package io.periscope.server.health;

import java.util.Map;

/**
 * The state of one component (a role or Kafka) as shown by the detailed health.
 *
 * @param status  see {@link Status}
 * @param details small facts that help an operator (counters, addresses), never secrets
 */
public record ComponentHealth(Status status, Map<String, Object> details) {
    /** What a component's state means for readiness (does it serve?) and liveness (does the process need a restart?). */
    public enum Status {
        /** Running and serving. */
        UP,
        /**
         * Running but not serving for now, and expected to recover by itself: starting, rebalancing, restoring
         * state, catching up. The process is not ready, yet alive.
         */
        NOT_READY,
        /** Failed and will not recover without a restart: the process is neither ready nor alive. */
        DOWN,
        /** Configured, but this build has nothing to run for it. */
        IDLE,
        /** The role does not run in this process. */
        DISABLED;

        boolean serving() {
            return this != NOT_READY && this != DOWN;
        }
    }

    public ComponentHealth {
        details = Map.copyOf(details);
    }

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(Status.UP, details);
    }

    public static ComponentHealth notReady(Map<String, Object> details) {
        return new ComponentHealth(Status.NOT_READY, details);
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
