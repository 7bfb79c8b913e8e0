package io.periscope.server.catalog;

import io.micronaut.context.annotation.Requires;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.roles.ApiRoleEnabled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that imports and diffs uploaded API documents, off the Netty event loop: a parse costs CPU
 * in proportion to what a user sends, and on the event loop four of them stopped {@code /health}.
 *
 * <p>A fixed number of threads ({@code periscope.api.spec-workers}) and a bounded queue
 * ({@code periscope.api.spec-queue}); a task that finds both full is refused at once
 * ({@link RejectedExecutionException}). Each task has a time limit from submission
 * ({@code periscope.api.spec-time-limit}): past it the caller's future fails with {@link TimeoutException} and the
 * task is interrupted, which the importer's reader and tree copy check, so the thread comes back.
 */
@Singleton
@Requires(condition = ApiRoleEnabled.class)
public class SpecWorkers {
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Duration timeLimit;

    @Inject
    public SpecWorkers(PeriscopeSettings settings) {
        this(settings.api().specWorkers(), settings.api().specQueue(), settings.api().specTimeLimit());
    }

    SpecWorkers(int workers, int queue, Duration timeLimit) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                r -> daemon(r, "periscope-spec-" + n.incrementAndGet()), new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "periscope-spec-timer"));
        this.timeLimit = timeLimit;
    }

    /** How long a refused or timed-out caller should wait before trying again. */
    public Duration retryAfter() {
        return timeLimit;
    }

    /**
     * Runs the task on the pool.
     *
     * @throws RejectedExecutionException when every worker is busy and the queue is full
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Future<?> running = pool.submit(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | StackOverflowError e) {
                result.completeExceptionally(e);
            }
        });
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("spec import time limit"))) {
                running.cancel(true);
            }
        }, timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((v, e) -> deadline.cancel(false));
        return result;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
