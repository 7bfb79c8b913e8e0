package io.periscope.discovery.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The changelog partitions whose active store is being restored. Kafka Streams reports the client RUNNING
 * while its state updater restores (since 3.8 restoration runs beside processing), so the client state alone
 * cannot tell that the catalog is still incomplete after a restart or a move of partitions.
 *
 * <p>Invariant: a partition is in the set between {@code onRestoreStart} and {@code onRestoreEnd} or
 * {@code onRestoreSuspended} (the task moved away mid-restore). Called from stream and state-updater threads.
 */
final class RestoreTracker implements StateRestoreListener {
    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        restoring.add(partition);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        // progress within a restore changes nothing here
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        restoring.remove(partition);
    }

    int restoring() {
        return restoring.size();
    }
}
