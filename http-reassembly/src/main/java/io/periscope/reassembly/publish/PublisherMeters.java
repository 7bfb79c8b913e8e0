package io.periscope.reassembly.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.TreeMap;

/**
 * The publisher's counters (prefix {@code periscope.publish.}): every exchange offered ends in exactly one
 * of them, see {@link KafkaExchangePublisher}.
 */
final class PublisherMeters {
    static final String PREFIX = "periscope.publish.";

    final Counter accepted;
    final Counter published;
    final Counter queueFull;
    final Counter closed;
    final Counter failed;
    final Counter sendTimeout;
    final Counter serialization;
    final Counter deliveryFailed;
    final Counter abandoned;
    private final MeterRegistry registry;

    PublisherMeters(MeterRegistry registry) {
        this.registry = registry;
        accepted = counter("exchanges", "outcome", "accepted", "exchanges taken into the publish queue");
        published = counter("exchanges", "outcome", "published", "exchanges acknowledged by Kafka");
        queueFull = dropped("queue_full", "dropped because the publish queue was full (broker slow or down; live capture only)");
        closed = dropped("closed", "dropped because they arrived after close()");
        failed = dropped("publisher_failed", "dropped because the blocking publisher had failed (Kafka away for delivery-timeout-ms)");
        sendTimeout = dropped("send_timeout", "dropped because the producer could not take them within max.block.ms (blocking mode: delivery-timeout-ms)");
        serialization = dropped("serialization", "dropped because they could not be serialized");
        deliveryFailed = dropped("delivery_failed", "dropped because Kafka did not acknowledge them (blocking mode: refused, or acknowledged nothing for delivery-timeout-ms)");
        abandoned = dropped("abandoned", "accepted but not published: the publisher failed or close() timed out first");
    }

    MeterRegistry registry() {
        return registry;
    }

    private Counter dropped(String reason, String description) {
        return counter("exchanges.dropped", "reason", reason, description);
    }

    private Counter counter(String name, String tag, String value, String description) {
        return Counter.builder(PREFIX + name).tag(tag, value).description(description).register(registry);
    }

    /** Every publisher meter as {@code name{tag=value}} → value. */
    Map<String, Double> snapshot() {
        Map<String, Double> out = new TreeMap<>();
        registry.getMeters().stream().filter(m -> m.getId().getName().startsWith(PREFIX)).forEach(m -> {
            StringBuilder key = new StringBuilder(m.getId().getName().substring(PREFIX.length()));
            m.getId().getTags().forEach(t -> key.append('{').append(t.getKey()).append('=').append(t.getValue()).append('}'));
            m.measure().forEach(x -> out.merge(key.toString(), x.getValue(), Double::sum));
        });
        return out;
    }
}
