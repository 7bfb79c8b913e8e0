package io.periscope.events.kafka;

/** Counts a record a {@link TopicReader} skipped, usually into a metric tagged with topic and reason. */
@FunctionalInterface
public interface SkipCounter {
    void skipped(String topic, SkipReason reason);
}
