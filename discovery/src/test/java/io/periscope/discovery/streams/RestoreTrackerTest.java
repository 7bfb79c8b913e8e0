package io.periscope.discovery.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RestoreTrackerTest {
    private final TopicPartition p0 = new TopicPartition("periscope-discovery-endpoints-changelog", 0);
    private final TopicPartition p1 = new TopicPartition("periscope-discovery-endpoints-changelog", 1);

    @Test
    void aPartitionCountsAsRestoringFromStartToEndOrSuspension() {
        RestoreTracker tracker = new RestoreTracker();
        tracker.onRestoreStart(p0, "endpoints", 0, 100);
        tracker.onRestoreStart(p1, "endpoints", 0, 100);
        tracker.onBatchRestored(p0, "endpoints", 50, 50);
        assertThat(tracker.restoring()).isEqualTo(2);
        tracker.onRestoreEnd(p0, "endpoints", 100);
        assertThat(tracker.restoring()).isEqualTo(1);
        tracker.onRestoreSuspended(p1, "endpoints", 40);
        assertThat(tracker.restoring()).isZero();
    }
}
