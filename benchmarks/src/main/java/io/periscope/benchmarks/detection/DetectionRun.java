package io.periscope.benchmarks.detection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.streams.DetectionConfig;
import io.periscope.detection.streams.DetectionMetrics;
import io.periscope.detection.streams.DetectionStreams;
import io.periscope.detection.streams.EngineSignatures;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeSerializer;
import io.periscope.events.kafka.RecordFormat;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Detection as it runs, through a real broker: {@code DetectionRun [EXCHANGES]} (default 200 000) publishes
 * {@link DetectionTraffic} to {@code periscope.exchanges} of an embedded broker in this JVM, then runs
 * {@link DetectionStreams} (one stream thread, the default 5 s commit interval, RocksDB stores with changelogs, the
 * repartition topic) until every exchange is consumed and the signal count has stopped moving for 3 s. Prints wall
 * time and the CPU time of the stream thread, so the figure holds on a shared machine: exchanges per CPU-second of
 * the thread that does all of detection's work (the broker, the producer, RocksDB's background threads and the GC
 * are not in it).
 */
public final class DetectionRun {
    private DetectionRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("detection-run");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.defaults());
            }
            // recent event time, so the broker's retention keeps every record
            DetectionTraffic traffic = new DetectionTraffic((Instant.now().toEpochMilli() - Duration.ofHours(1).toMillis())
                    * 1000);
            // in the record format the sensor publishes by default (periscope.reassembly.kafka.record-format);
            // a second argument "json" measures the JSON form
            RecordFormat format = args.length > 1 ? RecordFormat.of("format", args[1]) : RecordFormat.AVRO;
            try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(broker.clientProperties(),
                    new StringSerializer(), new ExchangeSerializer(format))) {
                for (int i = 0; i < count; i++) {
                    HttpExchange e = traffic.next();
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, null, e.timings().requestStartMicros() / 1000,
                            e.serviceKey(), e));
                }
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            DetectionMetrics metrics = new DetectionMetrics(registry);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long wall0 = System.nanoTime();
            try (DetectionStreams streams = new DetectionStreams(DetectionStreams.properties(broker.clientProperties(),
                    "detection-run", dir.resolve("state"), 1, Duration.ofSeconds(5)), DetectionConfig.defaults(),
                    new EngineSignatures(SignatureEngine.withDefaults()), metrics)) {
                streams.start();
                double lastSignals = -1;
                long stableSince = System.nanoTime();
                while (true) {
                    Thread.sleep(200);
                    double signals = registry.find("periscope.detection.signals").counters().stream()
                            .mapToDouble(Counter::count).sum();
                    if (signals != lastSignals) {
                        lastSignals = signals;
                        stableSince = System.nanoTime();
                    }
                    if (metrics.observedCount() >= count && System.nanoTime() - stableSince > 3_000_000_000L) {
                        break;
                    }
                }
                double cpu = streamThreadCpuSeconds(threads);
                double wall = (System.nanoTime() - wall0) / 1e9 - 3;
                System.out.printf("%,d exchanges, %,.0f signals: %.1f s wall (start-up included), %.2f CPU-s of the stream"
                        + " thread = %,.0f exchanges per CPU-second; %,.0f exchanges/s wall%n", metrics.observedCount(),
                        lastSignals, wall, cpu, count / cpu, count / wall);
            }
        }
    }

    private static double streamThreadCpuSeconds(ThreadMXBean threads) {
        long nanos = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("StreamThread")) {
                nanos += threads.getThreadCpuTime(t.getThreadId());
            }
        }
        return nanos / 1e9;
    }
}
