package io.periscope.alerts.delivery;

/**
 * One destination's circuit breaker: after {@code threshold} failures in a row the destination is left alone for a
 * cool-down (doubling per further failure, up to {@code maxCoolDownMillis}); then one attempt probes it (half-open).
 * A success closes it. Not thread-safe: the delivery loop owns it.
 *
 * <p>Why: a destination that times out would otherwise spend a sender thread per alert for the full timeout; with
 * the breaker open its alerts wait in its own queue and the threads serve the other destinations.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final long coolDownMillis;
    private final long maxCoolDownMillis;
    private int failures;
    private long openUntilMillis;

    public CircuitBreaker(int threshold, long coolDownMillis, long maxCoolDownMillis) {
        this.threshold = threshold;
        this.coolDownMillis = coolDownMillis;
        this.maxCoolDownMillis = maxCoolDownMillis;
    }

    /** Whether an attempt may be made now. */
    public boolean allows(long nowMillis) {
        return nowMillis >= openUntilMillis;
    }

    /** The earliest time an attempt may be made (now when closed). */
    public long openUntil() {
        return openUntilMillis;
    }

    public boolean open(long nowMillis) {
        return nowMillis < openUntilMillis;
    }

    public void success() {
        failures = 0;
        openUntilMillis = 0;
    }

    public void failure(long nowMillis) {
        failures++;
        if (failures >= threshold) {
            int beyond = Math.min(failures - threshold, 20);
            openUntilMillis = nowMillis + Math.min(maxCoolDownMillis, coolDownMillis << beyond);
        }
    }
}
