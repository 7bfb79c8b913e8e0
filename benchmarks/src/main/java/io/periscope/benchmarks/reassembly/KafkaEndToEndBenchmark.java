package io.periscope.benchmarks.reassembly;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblySink;
import io.periscope.reassembly.ReassemblySinkFactory;
import io.periscope.reassembly.publish.KafkaExchangePublisher;
import io.periscope.reassembly.publish.PublisherConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Segments → reassembly → publisher → the real embedded Kafka broker, until Kafka acknowledged every
 * exchange. Score: exchanges per second. Run with both compressions to compare; the teardown prints
 * the bytes the topic holds per exchange.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KafkaEndToEndBenchmark {
    static final int CONNECTIONS = 1000;
    static final int PER_CONNECTION = 5;
    static final int EXCHANGES = CONNECTIONS * PER_CONNECTION;

    @Param({"lz4", "zstd"})
    public String compression;

    private Path dir;
    private EmbeddedKafkaBroker broker;
    private KafkaExchangePublisher publisher;
    private ReassemblySink sink;
    private final SegmentStream.Flyweight flyweight = new SegmentStream.Flyweight();
    private SegmentStream stream;
    private double published;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        QuietLogs.apply();
        dir = Files.createTempDirectory("periscope-bench-kafka");
        broker = EmbeddedKafkaBroker.start(dir, "127.0.0.1", 0);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(List.of(Topics.defaults().get(0)));
        }
        publisher = new KafkaExchangePublisher(PublisherConfig.defaults(broker.bootstrapServers()).withClientProperties(broker.clientProperties())
                .withQueue(1_000_000, 2L * 1024 * 1024 * 1024).withCompression(compression), new SimpleMeterRegistry());
        sink = new ReassemblySinkFactory(ReassemblyConfig.builder("benchmark-secret-0123456789".getBytes(StandardCharsets.UTF_8)).build(),
                publisher, new SimpleMeterRegistry()).createSink(0, 1);
        stream = new SegmentStream(CONNECTIONS, PER_CONNECTION, 1_700_000_000_000_000L, true);
        // the topic's metadata reaches the producer a moment after creation: prime until it is acknowledged
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (publisher.value("exchanges{outcome=published}") == 0 && System.nanoTime() < deadline) {
            new SegmentStream(1, 1, 1_600_000_000_000_000L, true).replay(sink, flyweight);
            published += 1;
            Thread.sleep(500);
        }
        while (settled() < published && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private long iterationStartNanos;
    private double publishedAtStart;

    @Setup(Level.Iteration)
    public void startIteration() {
        iterationStartNanos = System.nanoTime();
        publishedAtStart = publisher.value("exchanges{outcome=published}");
    }

    /**
     * Keeps at most two invocations' worth of exchanges unacknowledged, so the pipeline stays full
     * (waiting for every batch would measure linger and round trips, not throughput).
     */
    @Benchmark
    @OperationsPerInvocation(EXCHANGES)
    public void segmentsToKafka() throws InterruptedException {
        stream.replay(sink, flyweight);
        published += EXCHANGES;
        while (settled() < published - 2 * EXCHANGES) {
            Thread.sleep(1);
        }
    }

    /** Exchanges whose fate is known: acknowledged or dropped (a drop must not hang the benchmark). */
    private double settled() {
        double dropped = publisher.snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith("exchanges.dropped")).mapToDouble(Map.Entry::getValue).sum();
        return publisher.value("exchanges{outcome=published}") + dropped;
    }

    /** The honest figure: everything offered in the iteration, acknowledged by Kafka, over the time it took. */
    @TearDown(Level.Iteration)
    public void drain() throws InterruptedException {
        while (settled() < published) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - iterationStartNanos) / 1e9;
        System.out.printf("%n[kafka %s] sustained %.0f exchanges/s acknowledged by Kafka%n", compression,
                (publisher.value("exchanges{outcome=published}") - publishedAtStart) / seconds);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        publisher.close(Duration.ofSeconds(30));
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(p -> p.toString().contains(Topics.EXCHANGES) && p.toString().endsWith(".log"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        double acknowledged = publisher.value("exchanges{outcome=published}");
        System.out.printf("%n[kafka %s] %d exchanges published, %d topic log bytes, %.1f bytes per exchange, meters %s%n",
                compression, (long) acknowledged, bytes, bytes / Math.max(1.0, acknowledged), publisher.snapshot());
        broker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
