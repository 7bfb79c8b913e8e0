package io.periscope.events.kafka;

import java.time.Duration;
import java.util.HashMap;
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

    /** A compacted topic (latest value per key), with the broker's replication. */
    public static TopicSpec compacted(String name, int partitions) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT_REPLICATION, Map.of("cleanup.policy", "compact"));
    }

    /**
     * A compacted topic whose records stay uncompacted for {@code lag}, so a reader that is briefly behind still sees
     * every version (incidents, catalog entries) and not only the latest.
     */
    public static TopicSpec compacted(String name, int partitions, Duration lag) {
        return compacted(name, partitions).withConfig("min.compaction.lag.ms", Long.toString(lag.toMillis()));
    }

    /** A topic whose records are deleted after {@code retention}, with the broker's replication. */
    public static TopicSpec deleting(String name, int partitions, Duration retention) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT_REPLICATION,
                Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis())));
    }

    /** This spec with one more topic-level config (or {@code key} replaced). */
    public TopicSpec withConfig(String key, String value) {
        Map<String, String> merged = new HashMap<>(configs);
        merged.put(key, value);
        return new TopicSpec(name, partitions, replicationFactor, merged);
    }
}
