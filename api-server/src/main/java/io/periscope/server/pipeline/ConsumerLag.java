package io.periscope.server.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The lag of Periscope's consumer groups (group ids starting with {@code periscope}): per partition, the
 * log end offset minus the group's committed offset.
 */
public final class ConsumerLag {
    static final String GROUP_PREFIX = "periscope";

    private final Admin admin;
    private final Duration timeout;

    public ConsumerLag(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public record PartitionLag(String topic, int partition, long committed, long end, long lag) {
    }

    public record GroupLag(String group, long lag, List<PartitionLag> partitions) {
    }

    /** The groups' lags, by group id; throws when Kafka does not answer within the timeout. */
    public List<GroupLag> groups() throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<ConsumerGroupListing> listings = admin.listConsumerGroups().all().get(remaining(deadline), TimeUnit.NANOSECONDS);
        List<GroupLag> out = new ArrayList<>();
        for (ConsumerGroupListing listing : listings) {
            if (!listing.groupId().startsWith(GROUP_PREFIX)) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(listing.groupId())
                    .partitionsToOffsetAndMetadata().get(remaining(deadline), TimeUnit.NANOSECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (om != null) {
                    latest.put(tp, OffsetSpec.latest());
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                    : admin.listOffsets(latest).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
            List<PartitionLag> partitions = new ArrayList<>();
            long total = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : ends.entrySet()) {
                long at = committed.get(e.getKey()).offset();
                long end = e.getValue().offset();
                long lag = Math.max(0, end - at);
                total += lag;
                partitions.add(new PartitionLag(e.getKey().topic(), e.getKey().partition(), at, end, lag));
            }
            partitions.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
            out.add(new GroupLag(listing.groupId(), total, partitions));
        }
        out.sort(Comparator.comparing(GroupLag::group));
        return out;
    }

    private static long remaining(long deadline) throws TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("Kafka did not answer in time");
        }
        return left;
    }
}
