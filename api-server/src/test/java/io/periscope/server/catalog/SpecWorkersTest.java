package io.periscope.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The spec worker pool refuses beyond its threads and queue, and gives its thread back at the time limit. */
class SpecWorkersTest {

    @Test
    void aFullPoolAndQueueRefusesAtOnce() throws Exception {
        SpecWorkers workers = new SpecWorkers(1, 1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try {
            CompletableFuture<String> first = workers.submit(() -> {
                running.countDown();
                release.await();
                return "first";
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> queued = workers.submit(() -> "queued");
            assertThatThrownBy(() -> workers.submit(() -> "refused")).isInstanceOf(RejectedExecutionException.class);
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("queued");
        } finally {
            release.countDown();
            workers.close();
        }
    }

    @Test
    void aTaskPastTheTimeLimitFailsWithATimeoutAndItsThreadIsInterruptedAndReused() throws Exception {
        SpecWorkers workers = new SpecWorkers(1, 1, Duration.ofMillis(200));
        CountDownLatch interrupted = new CountDownLatch(1);
        try {
            CompletableFuture<String> stuck = workers.submit(() -> {
                try {
                    new CountDownLatch(1).await();
                    return "never";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw e;
                }
            });
            assertThatThrownBy(() -> stuck.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workers.submit(() -> "next").get(10, TimeUnit.SECONDS)).isEqualTo("next");
        } finally {
            workers.close();
        }
    }
}
