package io.periscope.alerts.supervise;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one long-running loop of the alerting stage going. When the loop stops on its own with a failure, the
 * supervisor closes it and starts a new one after a backoff that doubles from {@link #FIRST_BACKOFF} up to
 * {@link #MAX_BACKOFF}; a loop that then runs for {@link #STABLE} counts as recovered and resets the backoff.
 *
 * <p>Restarting is safe because both loops commit their input offsets in the same Kafka transaction as their output:
 * whatever the failed loop had not committed is read again by the new one, so nothing is lost and, apart from an
 * attempt that was in flight, nothing is sent twice.
 *
 * <p>Threading: {@link #check()} runs on one timer thread only (see {@code Alerting}); the getters are read by the
 * health endpoint from any thread.
 *
 * @param <L> the loop
 */
public final class LoopSupervisor<L extends SupervisedLoop> implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final Duration STABLE = Duration.ofMinutes(2);
    /** Restarts in a row, each failing before it was stable, after which the loop is reported as not recovering. */
    static final int GIVE_UP_AFTER = 5;
    private static final Logger LOG = LoggerFactory.getLogger(LoopSupervisor.class);

    /** Starts a new loop; blocking is fine (it runs on the supervisor's thread). */
    @FunctionalInterface
    public interface Starter<L> {
        L start() throws InterruptedException;
    }

    private final String name;
    private final Starter<L> starter;
    private final Consumer<L> retired;
    private final LongSupplier nanoClock;
    private final AtomicLong restarts = new AtomicLong();
    private volatile L current;
    private volatile String failure;
    private volatile int failuresInARow;
    private long restartAt = -1;
    private long startedAt;
    private long backoffNanos = FIRST_BACKOFF.toNanos();

    /**
     * @param name     which loop, for the log and the health ("decider", "delivery")
     * @param starter  makes and starts a new loop
     * @param retired  told about a failed loop before it is replaced (to carry its counters over)
     * @param nanoClock monotonic clock in nanoseconds
     */
    public LoopSupervisor(String name, Starter<L> starter, Consumer<L> retired, LongSupplier nanoClock) {
        this.name = name;
        this.starter = starter;
        this.retired = retired;
        this.nanoClock = nanoClock;
    }

    /** Starts the first loop on the caller's thread, so a start that cannot succeed fails the caller. */
    public LoopSupervisor<L> start() throws InterruptedException {
        current = starter.start();
        startedAt = nanoClock.getAsLong();
        return this;
    }

    /** One supervision step: notices a stopped loop, and restarts it once its backoff has passed. */
    public void check() throws InterruptedException {
        L loop = current;
        long now = nanoClock.getAsLong();
        if (restartAt < 0) {
            String why = loop == null ? null : loop.failure();
            if (why == null) {
                if (failuresInARow > 0 && now - startedAt >= STABLE.toNanos()) {
                    failuresInARow = 0;
                    backoffNanos = FIRST_BACKOFF.toNanos();
                }
                return;
            }
            failure = why;
            failuresInARow++;
            restartAt = now + backoffNanos;
            LOG.warn("alert {} loop stopped ({}); restart {} in {} s", name, why, restarts.get() + 1,
                    Duration.ofNanos(backoffNanos).toSeconds());
            backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
            return;
        }
        if (now < restartAt) {
            return;
        }
        restartAt = -1;
        current = null;
        if (loop != null) { // null when the previous restart itself failed
            loop.close();
            retired.accept(loop);
        }
        try {
            current = starter.start();
            startedAt = nanoClock.getAsLong();
            restarts.incrementAndGet();
            failure = null;
            LOG.info("alert {} loop restarted", name);
        } catch (RuntimeException e) {
            // e.g. the broker unreachable while making the clients: try again after the next backoff
            failure = "restart failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            failuresInARow++;
            restartAt = nanoClock.getAsLong() + backoffNanos;
            backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
            LOG.warn("alert {} loop could not be restarted: {}", name, e.getMessage());
        }
    }

    /** The running loop, or null while a restart is pending. */
    public L current() {
        return current;
    }

    /** Why the loop is not running (a restart is pending), or null while it runs. */
    public String failure() {
        return failure;
    }

    /** Whether the loop keeps failing right after each restart: a restart of the process is then needed. */
    public boolean givenUp() {
        return failuresInARow > GIVE_UP_AFTER;
    }

    /** Restarts since start. */
    public long restarts() {
        return restarts.get();
    }

    public String name() {
        return name;
    }

    /** Closes the current loop; call only once the timer thread has stopped calling {@link #check()}. */
    @Override
    public void close() throws InterruptedException {
        L loop = current;
        current = null;
        if (loop != null) {
            loop.close();
        }
    }
}
