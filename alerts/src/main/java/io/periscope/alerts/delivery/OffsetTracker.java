package io.periscope.alerts.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which outbox offsets may be committed. Alerts of one partition finish out of order (each destination has its own
 * queue), so a partition's committable offset is its lowest unfinished offset, or one past the highest seen when all
 * are finished. Everything at or after it is read again after a crash: at-least-once, with a stable webhook id.
 * Not thread-safe: the delivery loop owns it.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void seen(TopicPartition tp, long offset) {
        open.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
        next.merge(tp, offset + 1, Math::max);
    }

    void done(TopicPartition tp, long offset) {
        TreeSet<Long> set = open.get(tp);
        if (set != null) {
            set.remove(offset);
        }
    }

    /** The offsets that moved since the last call, to commit with the transaction. */
    Map<TopicPartition, OffsetAndMetadata> advanced() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        next.forEach((tp, n) -> {
            TreeSet<Long> set = open.get(tp);
            long commit = set == null || set.isEmpty() ? n : set.first();
            if (!Long.valueOf(commit).equals(committed.get(tp))) {
                out.put(tp, new OffsetAndMetadata(commit));
            }
        });
        out.forEach((tp, o) -> committed.put(tp, o.offset()));
        return out;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            open.remove(tp);
            next.remove(tp);
            committed.remove(tp);
        });
    }

    boolean tracks(TopicPartition tp) {
        return next.containsKey(tp);
    }
}
