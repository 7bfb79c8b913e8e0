package io.periscope.server.health;

import io.micronaut.context.annotation.Context;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.kafka.KafkaStatus;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Asks Kafka whether it is reachable every {@link #INTERVAL}, on its own thread, and keeps the latest answer.
 * The health routes read that answer: a load balancer's probe (unauthenticated, frequent) never waits for
 * Kafka on a server thread and cannot make this process call the cluster more often.
 */
@Context
public class KafkaProbe {
    /** Fresh enough for load-balancer checks (every 5 to 30 s), light for the cluster (three metadata calls). */
    static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "periscope-kafka-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile KafkaStatus latest;

    public KafkaProbe(KafkaRuntime kafka) {
        // Kafka was reachable a moment ago (the start provisioned the topics); confirm it before the first answer.
        latest = kafka.status(TIMEOUT);
        executor.scheduleWithFixedDelay(() -> latest = kafka.status(TIMEOUT),
                INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public KafkaStatus latest() {
        return latest;
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }
}
