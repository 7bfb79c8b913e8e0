package io.periscope.detection.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.periscope.events.kafka.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Detection's meters. Every exchange read is counted once in {@code periscope.detection.exchanges} with outcome
 * {@code observed} or {@code dropped} (and a reason), as the intake counted them before the topology replaced it;
 * signals and incident versions by type; detection lag as the time from an exchange's capture to the signal it
 * completed (wall clock minus event time, so it includes pipeline delay upstream of detection).
 */
public final class DetectionMetrics {
    private final MeterRegistry registry;
    private final Counter observed;
    private final Timer lag;
    private final Map<String, Counter> byTag = new ConcurrentHashMap<>();

    public DetectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.observed = Counter.builder("periscope.detection.exchanges").tag("outcome", "observed").tag("reason", "none")
                .description("exchanges consumed by detection, by outcome").register(registry);
        this.lag = Timer.builder("periscope.detection.lag").description("capture of an exchange to its signal")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    void observed() {
        observed.increment();
    }

    public long observedCount() {
        return (long) observed.count();
    }

    void signal(String detector, String type, long eventMicros, long nowMillis) {
        counter("periscope.detection.signals", "detector", detector, "type", type).increment();
        long lagMillis = nowMillis - eventMicros / 1000;
        if (lagMillis >= 0) {
            lag.record(Duration.ofMillis(lagMillis));
        }
    }

    void incident(String change, String types) {
        counter("periscope.detection.incidents", "change", change, "type", types).increment();
    }

    /** An actor state that could not be read back (it is discarded and starts again). */
    void stateUnreadable() {
        counter("periscope.detection.state.unreadable", "store", "detection-actors", "reason", "unreadable").increment();
    }

    /** Actors removed from the store after being idle. */
    void evicted(long n) {
        counter("periscope.detection.actors.evicted", "reason", "idle", "store", "detection-actors").increment(n);
    }

    /** A stored object, campaign or schema state that could not be read back (it starts again). */
    void keyedStateUnreadable(String store) {
        counter("periscope.detection.state.unreadable", "store", store, "reason", "unreadable").increment();
    }

    /** A new key not learned because its store holds its configured maximum. */
    void keyedStateFull(String store) {
        counter("periscope.detection.state.dropped", "store", store, "reason", "full").increment();
    }

    /** Keys removed from a keyed store after being idle. */
    void keyedStateEvicted(String store, long n) {
        if (n > 0) {
            counter("periscope.detection.actors.evicted", "reason", "idle", "store", store).increment(n);
        }
    }

    /**
     * A record Kafka Streams skipped, by topic and reason ({@code oversize}, {@code unreadable},
     * {@code unsupported_schema}, {@code processing_error}, {@code record_too_large}, {@code unserializable}); a
     * skipped exchange also counts as dropped with the same reason.
     */
    public void skipped(String topic, String reason) {
        counter("periscope.detection.records.skipped", "topic", topic, "reason", reason).increment();
        if (Topics.EXCHANGES.equals(topic)) {
            counter("periscope.detection.exchanges", "outcome", "dropped", "reason", reason).increment();
        }
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        return byTag.computeIfAbsent(name + '|' + k1 + '|' + v1 + '|' + k2 + '|' + v2,
                k -> Counter.builder(name).tag(k1, v1).tag(k2, v2).register(registry));
    }
}
