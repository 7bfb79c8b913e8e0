package io.periscope.detection.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.events.detection.Signal;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.events.kafka.streams.PoisonRecordHandlers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling upgrade from a build that wrote JSON to the repartition topic: the records it left there are still
 * detected by the actors step, and what neither form reads is skipped and counted by reason, with the task running on.
 */
class RepartitionUpgradeTest {
    static final String APP = "detection-upgrade-test";
    static final String BY_ACTOR = APP + "-" + DetectionTopology.REPARTITION + "-repartition";

    @TempDir
    Path stateDir;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> byActor;
    TestOutputTopic<String, Signal> signals;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        DetectionMetrics metrics = new DetectionMetrics(registry);
        PoisonRecordHandlers.install(p, metrics::skipped);
        driver = new TopologyTestDriver(DetectionTopology.build(DetectionConfig.defaults(), ExchangeSignatures.NONE,
                metrics), p);
        byActor = driver.createInputTopic(BY_ACTOR, new StringSerializer(), new ByteArraySerializer());
        signals = driver.createOutputTopic(Topics.SIGNALS, new StringDeserializer(), JsonSerde.of(Signal.class));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void anObservationAnEarlierBuildWroteAsJsonIsStillDetected() {
        ActorInput legacy = new ActorInput(RepartitionSerdeTest.fullObservation(), null);
        byActor.pipeInput("user:alice", JsonSerde.of(ActorInput.class).serialize(BY_ACTOR, legacy), now());
        assertThat(signals.readValuesToList()).extracting(Signal::id).contains("sig-1");
    }

    @Test
    void recordsNeitherFormReadsAreCountedByReasonAndTheNextRecordIsStillDetected() {
        byActor.pipeInput("user:alice", new byte[] {RepartitionSerde.BINARY_V1, 1, 2, 3}, now());
        byActor.pipeInput("user:alice", new byte[] {42, 0}, now());
        byActor.pipeInput("user:alice", new RepartitionSerde<>(ActorInput.class, RepartitionFormat.ACTOR_INPUT)
                .serialize(BY_ACTOR, new ActorInput(RepartitionSerdeTest.fullObservation(), null)), now());

        assertThat(skipped("unreadable")).isEqualTo(1);
        assertThat(skipped("unsupported_schema")).isEqualTo(1);
        assertThat(signals.readValuesToList()).extracting(Signal::id).contains("sig-1");
    }

    private double skipped(String reason) {
        return registry.find("periscope.detection.records.skipped").tag("topic", BY_ACTOR).tag("reason", reason)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static Instant now() {
        return Instant.ofEpochSecond(1_764_000_000L);
    }
}
