package io.periscope.events.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one warning per interval, from any number of threads; the warnings skipped in between are counted
 * into the next one. For hot paths and for streams of bad input: whatever is being warned about is always
 * counted by a metric as well, so nothing depends on the log, and a flood of bad records cannot flood it.
 *
 * <p>Callers pass what kind of failure it was and where, never the record's content, which may hold
 * credentials or personal data. A suppressed call costs one volatile read and one atomic increment.
 */
public final class ThrottledLogger {
    private final Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    /** When the next line may be written, in {@link #nanoTime} units; MIN_VALUE before the first line. */
    private final AtomicLong nextDue = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLogger(Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    /** With the monotonic time source given, for tests that move time by hand. */
    public ThrottledLogger(Logger logger, Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * Logs at WARN unless a line was written less than one interval ago. As with SLF4J, a trailing
     * {@link Throwable} argument is logged with its stack trace. Hot paths use the fixed-arity overloads,
     * which allocate nothing when the line is suppressed.
     */
    public void warn(String format, Object... args) {
        if (acquire()) {
            write(format, args);
        }
    }

    /** {@link #warn(String, Object...)} with one argument (or a Throwable), without a varargs array. */
    public void warn(String format, Object arg) {
        if (acquire()) {
            write(format, new Object[] {arg});
        }
    }

    /** {@link #warn(String, Object...)} with two arguments (the last may be a Throwable), without a varargs array. */
    public void warn(String format, Object arg1, Object arg2) {
        if (acquire()) {
            write(format, new Object[] {arg1, arg2});
        }
    }

    private void write(String format, Object[] args) {
        long skipped = suppressed.getAndSet(0);
        logger.warn(skipped > 0 ? format + " (" + skipped + " similar warnings suppressed)" : format, args);
    }

    /** Warnings not written since the last one that was. */
    public long suppressed() {
        return suppressed.get();
    }

    private boolean acquire() {
        long now = nanoTime.getAsLong();
        long due = nextDue.get();
        if ((due != Long.MIN_VALUE && now - due < 0) || !nextDue.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        return true;
    }
}
