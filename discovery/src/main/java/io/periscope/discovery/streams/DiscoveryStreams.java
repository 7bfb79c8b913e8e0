package io.periscope.discovery.streams;

import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.events.kafka.streams.PoisonRecordHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Runs the discovery topology. Scale-out: start one per instance with the same application id; Kafka
 * Streams balances the partitions (services) over the instances and moves state with the changelog.
 */
public final class DiscoveryStreams implements AutoCloseable {
    private final KafkaStreams streams;
    private final RestoreTracker restores = new RestoreTracker();

    /**
     * Poison records are skipped and counted by {@link PoisonRecordHandlers}, which this sets on a copy of
     * {@code streamsProperties}: the client stays RUNNING whatever is written to its topics.
     */
    public DiscoveryStreams(Properties streamsProperties, DiscoveryConfig config, InputLimits limits, DiscoveryMetrics metrics) {
        Properties p = new Properties();
        p.putAll(streamsProperties);
        PoisonRecordHandlers.install(p, metrics::skipped);
        // a record whose timestamp cannot be used is skipped (and logged by Kafka Streams) instead of failing the task
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LogAndSkipOnInvalidTimestamp.class);
        // template rule changes that lost their compare-and-set are aborted transactions: never apply them
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        this.streams = new KafkaStreams(DiscoveryTopology.build(config, limits, metrics), p);
        this.streams.setGlobalStateRestoreListener(restores);
    }

    /**
     * Streams settings for discovery.
     *
     * @param clientProperties bootstrap servers and how to authenticate (applies to every client Streams creates)
     * @param applicationId    {@code periscope.discovery.application-id}, default {@code periscope-discovery}
     * @param stateDir         local directory of the state stores ({@code periscope.discovery.state-dir})
     * @param threads          stream threads ({@code periscope.discovery.threads}, default 1)
     * @param commitInterval   how often offsets are committed ({@code periscope.discovery.commit-interval}, default 5 s)
     */
    public static Properties properties(Map<String, ?> clientProperties, String applicationId, Path stateDir, int threads,
                                        Duration commitInterval) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // The behaviour Kafka 5 makes the default; set now so the topology does not change meaning on upgrade.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return p;
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Changelog partitions whose store is being restored now; the catalog is incomplete until this is 0. */
    public int restoringPartitions() {
        return restores.restoring();
    }

    /**
     * Stops processing and leaves the consumer group, so that the partitions move to another instance (or
     * to this one when it starts again) at once instead of after the session timeout.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
