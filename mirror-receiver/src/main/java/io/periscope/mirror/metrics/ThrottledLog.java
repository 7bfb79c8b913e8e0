package io.periscope.mirror.metrics;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval from a hot path; the lines skipped in between are counted into
 * the next one. The events themselves are always counted by a metric, so nothing depends on the log.
 */
public final class ThrottledLog {
    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    public void warn(String message, Throwable error) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        if (skipped > 0) {
            logger.warn("{} ({} similar messages suppressed)", message, skipped, error);
        } else {
            logger.warn(message, error);
        }
    }
}
