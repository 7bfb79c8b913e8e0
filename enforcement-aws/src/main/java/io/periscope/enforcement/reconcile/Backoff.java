package io.periscope.enforcement.reconcile;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded exponential backoff with full jitter (a random wait between 0 and {@code min(max, base · 2^attempt)}), so two
 * enforcers that collided on one lock token do not collide again in lockstep.
 *
 * @param base     the first ceiling
 * @param max      the largest ceiling
 * @param attempts calls at most per operation in one reconcile round; what is still failing then waits for the next
 *                 round (the block records keep it, so nothing is lost)
 */
public record Backoff(Duration base, Duration max, int attempts) {

    public Backoff {
        if (attempts < 1 || base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need attempts >= 1 and 0 <= base <= max");
        }
    }

    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 6);
    }

    /** Waits before attempt {@code attempt + 1} (attempt counts from 0). */
    public void pause(int attempt) throws InterruptedException {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
        if (ceiling > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }
}
