package io.periscope.alerts.outbox;

import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the digest members still on {@code periscope.alert-digest-members} (held by a decider that stopped before
 * their digest was written), for the partitions of {@code periscope.incidents} a decider has just been assigned.
 * Read committed: a member whose transaction was aborted was never decided. The topic is small (at most one window of
 * held incidents per decider, tombstoned when the digest is written), so it is read whole each time.
 */
public final class DigestMembers {
    private static final Logger LOG = LoggerFactory.getLogger(DigestMembers.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> clientProperties;
    private final TopicReader<DigestMember> reader;

    public DigestMembers(Map<String, Object> clientProperties, SkipCounter skips) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.reader = TopicReader.of(DigestMember.class, DigestMember.SCHEMA_VERSION, skips, LOG).requiringKey();
    }

    /** The members still held for digests whose incidents came from {@code sourcePartitions}, oldest first. */
    public List<DigestMember> held(Collection<Integer> sourcePartitions) {
        if (sourcePartitions.isEmpty()) {
            return List.of();
        }
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "periscope-digest-members-" + UUID.randomUUID());
        Map<String, DigestMember> latest = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERT_DIGEST_MEMBERS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(Topics.ALERT_DIGEST_MEMBERS + " was not read within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.value() == null) {
                        latest.remove(r.key()); // the digest was written
                        continue;
                    }
                    DigestMember m = reader.read(r);
                    if (m != null) {
                        latest.remove(r.key());
                        latest.put(r.key(), m);
                    }
                }
            }
        }
        List<DigestMember> out = new ArrayList<>();
        for (DigestMember m : latest.values()) {
            if (sourcePartitions.contains(m.sourcePartition())) {
                out.add(m);
            }
        }
        return out;
    }
}
