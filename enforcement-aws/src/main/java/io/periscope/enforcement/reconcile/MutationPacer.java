package io.periscope.enforcement.reconcile;

import java.time.Duration;

/**
 * Keeps mutations of one AWS resource at least {@code interval} apart: WAF allows about one mutating call per second
 * per action and account, and a reconcile round batches every change of a set into one call anyway.
 */
public final class MutationPacer {
    private final long intervalNanos;
    private long lastNanos;
    private boolean used;

    public MutationPacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Waits until the next mutation may go out and books it. */
    public synchronized void await() throws InterruptedException {
        if (used) {
            long wait = lastNanos + intervalNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        used = true;
        lastNanos = System.nanoTime();
    }
}
