package io.periscope.events.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLoggerTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ThrottledLogger log;

    ThrottledLoggerTest() {
        ch.qos.logback.classic.Logger logger = ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger("throttled-" + System.identityHashCode(this));
        logger.setLevel(Level.WARN);
        lines.start();
        logger.addAppender(lines);
        log = new ThrottledLogger(logger, Duration.ofSeconds(10), nanos::get);
    }

    @Test
    void writesTheFirstWarningAndSuppressesTheRestOfTheInterval() {
        log.warn("bad record at {}", 1);
        log.warn("bad record at {}", 2);
        log.warn("bad record at {}", 3);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("bad record at 1");
        assertThat(log.suppressed()).isEqualTo(2);
    }

    @Test
    void theNextLineAfterTheIntervalSaysHowManyWereSuppressed() {
        log.warn("bad record at {}", 1);
        log.warn("bad record at {}", 2);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn("bad record at {}", 3);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("bad record at 1", "bad record at 3 (1 similar warnings suppressed)");
        assertThat(log.suppressed()).isZero();
    }

    @Test
    void aTrailingThrowableKeepsItsStackTrace() {
        log.warn("send failed to {}", "broker", new IllegalStateException("down"));

        assertThat(lines.list).singleElement().satisfies(e -> {
            assertThat(e.getFormattedMessage()).isEqualTo("send failed to broker");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("down");
        });
    }

    @Test
    void theFixedArityOverloadsThrottleAndCountLikeTheVarargsOne() {
        IllegalStateException down = new IllegalStateException("down");
        log.warn("sink failed", down);
        log.warn("sink failed on {}", "worker-1", down);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn("sink failed on {}", "worker-2", down);

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("sink failed", "sink failed on worker-2 (1 similar warnings suppressed)");
        assertThat(lines.list).allSatisfy(e -> assertThat(e.getThrowableProxy().getMessage()).isEqualTo("down"));
    }
}
