package io.periscope.detection.streams;

import io.periscope.events.kafka.streams.PoisonRecordHandlers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.LogAndSkipOnInvalidTimestamp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the detection topology. Scale-out: start one per instance with the same application id; Kafka Streams
 * balances the exchange partitions (services) and the repartition topic's partitions (actors) over the instances and
 * moves actor state with its changelog. Standalone runs the same topology against the embedded broker.
 */
public final class DetectionStreams implements AutoCloseable {
    private final KafkaStreams streams;

    /**
     * Poison records are skipped and counted by {@link PoisonRecordHandlers}, which this sets on a copy of
     * {@code streamsProperties}: the client stays RUNNING whatever is written to its topics.
     */
    public DetectionStreams(Properties streamsProperties, DetectionConfig config, ExchangeSignatures signatures,
                            DetectionMetrics metrics) {
        Properties p = new Properties();
        p.putAll(streamsProperties);
        PoisonRecordHandlers.install(p, metrics::skipped);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, LogAndSkipOnInvalidTimestamp.class);
        this.streams = new KafkaStreams(DetectionTopology.build(config, signatures, metrics), p);
    }

    /**
     * Streams settings for detection.
     *
     * @param clientProperties bootstrap servers and how to authenticate (applies to every client Streams creates)
     * @param applicationId    {@code periscope.detection.application-id}, default {@code periscope-detection}
     * @param stateDir         local directory of the state stores ({@code periscope.detection.state-dir})
     * @param threads          stream threads ({@code periscope.detection.threads}, default 1)
     * @param commitInterval   how often offsets are committed ({@code periscope.detection.commit-interval}, default 5 s)
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
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // A task of the first step reads an exchange partition and a feedback partition. With idling enabled (the
        // default 0 ms) Kafka Streams 4.3 formats a log line (String.format) for every empty input partition on every
        // record it processes, whether or not it logs it: 6 % of the stream thread in DetectionRun. Disabled, it
        // never waits for an empty partition; detection does not need the order of exchanges and feedback across
        // topics (feedback is re-keyed and repartitioned anyway), so nothing is lost.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // Every exchange crosses at least one repartition topic, so the stream thread produces and fetches about two
        // records per exchange. Larger batches and fetches cost fewer requests, batch headers and polls per record:
        // with these five the stream thread and its producer used about 14 % less CPU per exchange in DetectionRun
        // (docs/performance.md). What they add to the detection lag is bounded by the linger and the fetch wait,
        // a few hundred milliseconds at low traffic, against the 5 s target.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 200);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 100);
        return p;
    }

    public void start() {
        streams.start();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Stops processing and leaves the consumer group, so that the partitions move at once. */
    @Override
    public void close() {
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
