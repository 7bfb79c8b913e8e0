package io.periscope.discovery.streams;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * At most one warning a minute: a stream of bad records must not flood the log. Callers pass what kind of
 * failure it was and where, never the record's content (it may hold credentials or personal data).
 */
final class RateLimitedLog {
    private static final long EVERY_MILLIS = 60_000;

    private final Logger log;
    private final AtomicLong last = new AtomicLong();

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        long before = last.get();
        if (now - before > EVERY_MILLIS && last.compareAndSet(before, now)) {
            log.warn(format, args);
        }
    }
}
