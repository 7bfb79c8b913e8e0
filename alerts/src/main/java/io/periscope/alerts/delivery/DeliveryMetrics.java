package io.periscope.alerts.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery meters: {@code periscope.alerts.sent}, {@code .failed} (attempts that did not succeed),
 * {@code .retried}, {@code .dead_lettered}, {@code .dropped} (destination deleted or disabled), and the gauges
 * {@code .queue.size} and {@code .queue.age.seconds} (how long the oldest waiting alert has waited since it was decided).
 */
public final class DeliveryMetrics {
    private final Counter sent;
    private final Counter failed;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter dropped;
    private final AtomicLong queueSize = new AtomicLong();
    private final AtomicLong queueAgeMillis = new AtomicLong();

    public DeliveryMetrics(MeterRegistry registry) {
        sent = registry.counter("periscope.alerts.sent");
        failed = registry.counter("periscope.alerts.failed");
        retried = registry.counter("periscope.alerts.retried");
        deadLettered = registry.counter("periscope.alerts.dead_lettered");
        dropped = registry.counter("periscope.alerts.dropped");
        Gauge.builder("periscope.alerts.queue.size", queueSize, AtomicLong::get).register(registry);
        Gauge.builder("periscope.alerts.queue.age.seconds", queueAgeMillis, a -> a.get() / 1000.0).register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void dropped() {
        dropped.increment();
    }

    void queue(long size, long oldestAgeMillis) {
        queueSize.set(size);
        queueAgeMillis.set(oldestAgeMillis);
    }

    public long sentCount() {
        return (long) sent.count();
    }

    public long retriedCount() {
        return (long) retried.count();
    }

    public long deadLetteredCount() {
        return (long) deadLettered.count();
    }

    public long queueSize() {
        return queueSize.get();
    }
}
