package io.periscope.alerts.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoopSupervisorTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<TestLoop> started = new ArrayList<>();
    private final List<TestLoop> retired = new ArrayList<>();
    private final LoopSupervisor<TestLoop> supervisor = new LoopSupervisor<>("decider", () -> {
        TestLoop loop = new TestLoop();
        started.add(loop);
        return loop;
    }, retired::add, nanos::get);

    /** A loop that fails when told to. */
    private static final class TestLoop implements SupervisedLoop {
        volatile String failure;
        volatile boolean closed;

        @Override
        public String failure() {
            return failure;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aRunningLoopIsLeftAlone() throws Exception {
        supervisor.start();
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofMinutes(1));
            supervisor.check();
        }
        assertThat(started).hasSize(1);
        assertThat(supervisor.failure()).isNull();
        assertThat(supervisor.restarts()).isZero();
    }

    @Test
    void aFailedLoopIsClosedAndReplacedOnlyOnceItsBackoffHasPassed() throws Exception {
        supervisor.start();
        TestLoop first = started.get(0);
        first.failure = "IllegalStateException: boom";
        supervisor.check();
        assertThat(supervisor.failure()).isEqualTo("IllegalStateException: boom");

        advance(LoopSupervisor.FIRST_BACKOFF.minusMillis(1));
        supervisor.check();
        assertThat(started).as("not before the backoff").hasSize(1);

        advance(Duration.ofMillis(1));
        supervisor.check();
        assertThat(started).hasSize(2);
        assertThat(first.closed).isTrue();
        assertThat(retired).containsExactly(first);
        assertThat(supervisor.current()).isSameAs(started.get(1));
        assertThat(supervisor.failure()).isNull();
        assertThat(supervisor.restarts()).isEqualTo(1);
    }

    @Test
    void theBackoffDoublesWhileRestartsKeepFailingUpToItsCapAndTheLoopIsThenReportedAsNotRecovering() throws Exception {
        supervisor.start();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i <= LoopSupervisor.GIVE_UP_AFTER; i++) {
            assertThat(supervisor.givenUp()).isFalse();
            supervisor.current().failure = "fails at once";
            supervisor.check();
            long from = nanos.get();
            int before = started.size();
            while (started.size() == before) {
                advance(Duration.ofMillis(250));
                supervisor.check();
            }
            waits.add(Duration.ofNanos(nanos.get() - from).toMillis());
        }
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 32000L);
        supervisor.current().failure = "fails at once";
        supervisor.check();
        assertThat(supervisor.givenUp()).isTrue();
    }

    @Test
    void aLoopThatRunsStablyAfterARestartResetsTheBackoff() throws Exception {
        supervisor.start();
        for (int i = 0; i < 3; i++) {
            supervisor.current().failure = "flaky";
            supervisor.check();
            advance(LoopSupervisor.MAX_BACKOFF);
            supervisor.check();
        }
        advance(LoopSupervisor.STABLE);
        supervisor.check();

        supervisor.current().failure = "once more";
        supervisor.check();
        advance(LoopSupervisor.FIRST_BACKOFF);
        supervisor.check();
        assertThat(started).as("restarted after the first backoff again").hasSize(5);
        assertThat(supervisor.givenUp()).isFalse();
    }

    @Test
    void aRestartThatThrowsIsTriedAgainAfterTheNextBackoffAndSaysWhy() throws Exception {
        int[] calls = {0};
        LoopSupervisor<TestLoop> s = new LoopSupervisor<>("delivery", () -> {
            if (++calls[0] == 2) {
                throw new IllegalStateException("broker unreachable");
            }
            return new TestLoop();
        }, l -> { }, nanos::get).start();
        s.current().failure = "lost the broker";
        s.check();
        advance(LoopSupervisor.FIRST_BACKOFF);
        s.check();
        assertThat(s.current()).isNull();
        assertThat(s.failure()).isEqualTo("restart failed: IllegalStateException: broker unreachable");

        advance(LoopSupervisor.FIRST_BACKOFF.multipliedBy(2));
        s.check();
        assertThat(s.current()).isNotNull();
        assertThat(s.failure()).isNull();
        assertThat(s.restarts()).isEqualTo(1);
    }
}
