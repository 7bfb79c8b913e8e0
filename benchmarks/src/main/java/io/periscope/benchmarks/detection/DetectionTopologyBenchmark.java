package io.periscope.benchmarks.detection;

import io.periscope.benchmarks.ThreadCpuTime;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.streams.DetectionConfig;
import io.periscope.detection.streams.DetectionMetrics;
import io.periscope.detection.streams.DetectionTopology;
import io.periscope.detection.streams.EngineSignatures;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole detection topology per exchange, as {@link DetectionTopology#build} makes it (default settings, the
 * signature engine wired in, RocksDB stores): read the exchange's JSON, name the actor, run the signature pass,
 * repartition by actor, behaviour and incident correlation, publish signals and incidents. Driven by Kafka Streams'
 * {@link TopologyTestDriver} with {@link DetectionTraffic} (2 000 benign users, one exchange in 50 from one of 20
 * attackers). One operation is one exchange.
 *
 * <p>Two things differ from a running application, both against detection: the test driver serializes the exchange
 * to JSON before the topology reads it (measured alone by {@link #generateAndSerializeOnly}; a real topology gets the
 * bytes from the consumer), and it commits the task — every store's commit, the commit hook included — after every
 * record, where a running application commits every {@code commit.interval.ms}. No broker is involved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectionTopologyBenchmark {
    private static final long START = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli() * 1000;

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, HttpExchange> exchanges;
    private TestOutputTopic<byte[], byte[]> signals;
    private TestOutputTopic<byte[], byte[]> incidents;
    private DetectionTraffic traffic;
    private final JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        stateDir = Files.createTempDirectory("detection-bench");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "detection-bench");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(DetectionTopology.build(DetectionConfig.defaults(),
                new EngineSignatures(SignatureEngine.withDefaults()), new DetectionMetrics(new SimpleMeterRegistry())), p);
        exchanges = driver.createInputTopic(Topics.EXCHANGES, new StringSerializer(), serde);
        signals = driver.createOutputTopic(Topics.SIGNALS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        incidents = driver.createOutputTopic(Topics.INCIDENTS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        traffic = new DetectionTraffic(START);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private final ThreadCpuTime cpu = new ThreadCpuTime();
    private long exchangesDone;

    @Setup(Level.Iteration)
    public void startClock() {
        cpu.start();
        exchangesDone = 0;
    }

    /**
     * On a shared machine wall-clock throughput measures the neighbours; CPU time of this thread does not. (Only
     * the {@code exchange} benchmark counts exchanges; RocksDB's background threads and the GC are not in it.)
     */
    @TearDown(Level.Iteration)
    public void reportCpuRate() {
        if (exchangesDone > 0) {
            System.out.printf("%n[detection topology cpu] %.0f exchanges per CPU-second of the benchmark thread%n",
                    cpu.perCpuSecond(exchangesDone));
        }
    }

    @Benchmark
    public void exchange(Blackhole bh) {
        HttpExchange e = traffic.next();
        exchangesDone++;
        exchanges.pipeInput(e.serviceKey(), e, e.timings().requestStartMicros() / 1000);
        // the driver keeps every output until read
        while (!signals.isEmpty()) {
            bh.consume(signals.readRecord());
        }
        while (!incidents.isEmpty()) {
            bh.consume(incidents.readRecord());
        }
    }

    /** What {@link #exchange} spends outside the topology: making the next exchange and writing its JSON. */
    @Benchmark
    public byte[] generateAndSerializeOnly() {
        return serde.serialize(Topics.EXCHANGES, traffic.next());
    }
}
