package io.periscope.events.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * How one Periscope topic is created when it is missing.
 *
 * @param name              the topic name
 * @param partitions        partition count (at least 1)
 * @param replicationFactor replicas, or {@code -1} for the broker's {@code default.replication.factor}
 * @param configs           topic-level configs (cleanup.policy, retention.ms, ...)
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions of " + name + " must be at least 1, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public TopicSpec withPartitions(int newPartitions) {
        return new TopicSpec(name, newPartitions, replicationFactor, configs);
    }

    public TopicSpec withReplicationFactor(short newReplicationFactor) {
        return new TopicSpec(name, partitions, newReplicationFactor, configs);
    }
}
