package io.periscope.server.roles;

import java.util.Map;

/**
 * The state of one role as shown by the detailed health ({@code GET /api/v1/health}).
 *
 * @param status  see {@link Status}
 * @param details small facts that help an operator (counters, addresses), never secrets
 */
public record RoleHealth(Status status, Map<String, Object> details) {
    /** What a role's state means for readiness (does it serve?) and liveness (does the process need a restart?). */
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

        /** Whether a process with a role in this state may take traffic. */
        public boolean serving() {
            return this != NOT_READY && this != DOWN;
        }
    }

    public RoleHealth {
        details = Map.copyOf(details);
    }

    public static RoleHealth up(Map<String, Object> details) {
        return new RoleHealth(Status.UP, details);
    }

    public static RoleHealth notReady(Map<String, Object> details) {
        return new RoleHealth(Status.NOT_READY, details);
    }

    public static RoleHealth down(Map<String, Object> details) {
        return new RoleHealth(Status.DOWN, details);
    }

    public static RoleHealth idle(String reason) {
        return new RoleHealth(Status.IDLE, Map.of("reason", reason));
    }

    public static RoleHealth disabled() {
        return new RoleHealth(Status.DISABLED, Map.of());
    }
}
