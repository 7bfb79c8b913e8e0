package io.periscope.discovery.catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.kafka.Topics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discovery's counters. Every exchange is counted exactly once in {@code periscope.discovery.exchanges}
 * with an {@code outcome} of {@code cataloged} or {@code dropped} and, for drops, a {@code reason}; so the
 * exchanges consumed reconcile with what the reassembler published.
 */
public final class DiscoveryMetrics {
    private final MeterRegistry registry;
    private final Counter cataloged;
    private final Map<String, Counter> byTag = new ConcurrentHashMap<>();

    public DiscoveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.cataloged = Counter.builder("periscope.discovery.exchanges").tag("outcome", "cataloged").tag("reason", "none")
                .description("exchanges consumed by discovery, by outcome").register(registry);
    }

    /** The registry these counters live in, for the stages beside the catalog (the call series) to count in. */
    public MeterRegistry registry() {
        return registry;
    }

    void cataloged() {
        cataloged.increment();
    }

    /**
     * An exchange kept as a probe: it got a "not found" answer on a path outside the catalog, so it is counted on the
     * service's probed paths, not on an endpoint.
     */
    void probed() {
        counter("periscope.discovery.exchanges", "outcome", "probed", "reason", "not_found").increment();
    }

    /** An exchange that could not be cataloged, by reason. */
    public void dropped(String reason) {
        counter("periscope.discovery.exchanges", "outcome", "dropped", "reason", reason).increment();
    }

    /** A body that could not be read fully (its fields before the problem are kept). */
    void bodyIncomplete(String side, String reason) {
        counter("periscope.discovery.bodies.incomplete", "side", side, "reason", reason).increment();
    }

    /** A parameter or endpoint not kept because a cap was reached. */
    void capped(String what) {
        counter("periscope.discovery.capped", "what", what, "reason", "limit").increment();
    }

    void change(String type) {
        counter("periscope.discovery.changes", "type", type, "reason", "none").increment();
    }

    void finding(String type) {
        counter("periscope.discovery.findings", "type", type, "reason", "none").increment();
    }

    /** A stored catalog entry that could not be read back when a task was assigned (it is discarded). */
    public void stateUnreadable() {
        counter("periscope.discovery.state.unreadable", "store", "discovery-catalog", "reason", "unreadable").increment();
    }

    /**
     * A record the catalog view skipped, by topic and reason: {@code unreadable} (not the record's JSON) or
     * {@code unsupported_schema} (a {@code schemaVersion} newer than this code understands).
     */
    public void viewUnreadable(String topic, String reason) {
        counter("periscope.discovery.view.unreadable", "topic", topic, "reason", reason).increment();
    }

    /**
     * A record Kafka Streams skipped, by topic and reason: on an input topic {@code oversize}, {@code unreadable},
     * {@code unsupported_schema}, {@code too_many_rules} or {@code processing_error}; on an output topic or changelog
     * {@code record_too_large} or {@code unserializable}. A skipped exchange also counts as dropped with the same
     * reason, so that consumed exchanges still reconcile.
     */
    public void skipped(String topic, String reason) {
        counter("periscope.discovery.records.skipped", "topic", topic, "reason", reason).increment();
        if (Topics.EXCHANGES.equals(topic)) {
            dropped(reason);
        }
    }

    /** A template rule set that could not be applied. */
    public void ruleRejected(String reason) {
        counter("periscope.discovery.rules.rejected", "reason", reason, "what", "rule-set").increment();
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        return byTag.computeIfAbsent(name + '|' + k1 + '|' + v1 + '|' + v2,
                k -> Counter.builder(name).tag(k1, v1).tag(k2, v2).register(registry));
    }
}
