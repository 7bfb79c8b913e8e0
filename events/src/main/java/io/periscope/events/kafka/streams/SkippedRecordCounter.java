package io.periscope.events.kafka.streams;

/**
 * Where {@link PoisonRecordHandlers} count a record Kafka Streams skipped, by topic and reason tag: each stage passes
 * its own metrics (e.g. {@code periscope.detection.records.skipped}, {@code periscope.discovery.records.skipped}).
 */
@FunctionalInterface
public interface SkippedRecordCounter {
    void skipped(String topic, String reason);
}
