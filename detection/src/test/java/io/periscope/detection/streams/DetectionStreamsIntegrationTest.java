package io.periscope.detection.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.detection.Scenario;
import io.periscope.events.detection.Incident;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detection end to end through a real broker: exchanges of benign users, a BOLA attacker and a brute-forcer, plus
 * poison records, on a two-partition exchanges topic; the topology re-keys by actor through its repartition topic and
 * publishes incidents for the attackers only. Then the application restarts on the same state and continues the
 * attackers' incidents without publishing any (id, version) twice.
 */
class DetectionStreamsIntegrationTest {
    /** Recent event time: records older than the topics' retention would be deleted by the broker. */
    static final long T0 = (Instant.now().toEpochMilli() - Duration.ofHours(2).toMillis()) * 1000;
    static final long SECOND = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void attackersGetIncidentsBenignUsersNoneAndARestartDoesNotReportTwice() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(broker.clientProperties())) {
                new TopicProvisioner(admin, Duration.ofSeconds(30))
                        .ensure(Topics.defaults().stream().map(s -> s.withPartitions(2)).toList());
            }
            List<HttpExchange> traffic = new ArrayList<>(Scenario.benignUsers(20, T0, 20 * 60));
            traffic.addAll(Scenario.bolaAttacker("203.0.113.50", "mallory", T0 + 120 * SECOND));
            traffic.addAll(Scenario.bruteForcer("198.51.100.66", T0 + 240 * SECOND));
            traffic.sort(Comparator.comparingLong(e -> e.timings().requestStartMicros()));
            publish(broker, traffic);
            publishPoison(broker);

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Map<String, Incident> latest = new HashMap<>();
            Set<String> versions = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            try (KafkaConsumer<String, Incident> incidents = consumer(broker)) {
                try (DetectionStreams streams = start(broker, tmp.resolve("state"), registry)) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        drain(incidents, latest, versions, duplicates);
                        return latest.containsKey("user:mallory")
                                && latest.getOrDefault("ip:198.51.100.66", null) != null
                                && latest.get("ip:198.51.100.66").types().contains("CREDENTIAL_STUFFING")
                                && registry.find("periscope.detection.records.skipped").counters().size() == 2;
                    });
                    assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                }
                assertThat(latest.keySet()).allMatch(a -> a.equals("user:mallory") || a.equals("ip:198.51.100.66"));
                assertThat(latest.get("user:mallory").types()).contains("BOLA");
                assertThat(latest.get("ip:198.51.100.66").types()).contains("BRUTE_FORCE", "CREDENTIAL_STUFFING");
                assertThat(registry.get("periscope.detection.records.skipped").tag("reason", "unreadable").counter().count())
                        .isEqualTo(1);
                assertThat(registry.get("periscope.detection.records.skipped").tag("reason", "unsupported_schema")
                        .counter().count()).isEqualTo(1);
                long versionBefore = latest.get("ip:198.51.100.66").version();

                // restart on the same state: the brute-forcer resumes in a later window, its incident continues from its
                // stored version
                publish(broker, Scenario.bruteForcer("198.51.100.66", T0 + 40 * 60 * SECOND));
                try (DetectionStreams ignored = start(broker, tmp.resolve("state"), new SimpleMeterRegistry())) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
                        drain(incidents, latest, versions, duplicates);
                        return latest.get("ip:198.51.100.66").version() > versionBefore;
                    });
                }
                assertThat(duplicates).isEmpty();
            }
        }
    }

    private static DetectionStreams start(EmbeddedKafkaBroker broker, Path state, SimpleMeterRegistry registry) {
        DetectionStreams streams = new DetectionStreams(DetectionStreams.properties(broker.clientProperties(),
                "detection-it", state, 1, Duration.ofMillis(300)), DetectionConfig.defaults(), ExchangeSignatures.NONE,
                new DetectionMetrics(registry));
        streams.start();
        return streams;
    }

    private static void drain(KafkaConsumer<String, Incident> consumer, Map<String, Incident> latest, Set<String> versions,
                              List<String> duplicates) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
            Incident i = r.value();
            if (!versions.add(i.id() + "@" + i.version())) {
                duplicates.add(i.id() + "@" + i.version());
            }
            latest.merge(i.actor().id(), i, (a, b) -> b.version() >= a.version() ? b : a);
        }
    }

    private static KafkaConsumer<String, Incident> consumer(EmbeddedKafkaBroker broker) {
        Map<String, Object> p = new HashMap<>(broker.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, Incident> c = new KafkaConsumer<>(p, new StringDeserializer(), JsonSerde.of(Incident.class));
        c.subscribe(List.of(Topics.INCIDENTS));
        return c;
    }

    private static void publish(EmbeddedKafkaBroker broker, List<HttpExchange> exchanges) throws Exception {
        try (KafkaProducer<String, HttpExchange> producer = new KafkaProducer<>(broker.clientProperties(),
                new StringSerializer(), JsonSerde.of(HttpExchange.class))) {
            for (HttpExchange e : exchanges) {
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, null, e.timings().requestStartMicros() / 1000,
                        e.serviceKey(), e));
            }
            producer.flush();
        }
    }

    private static void publishPoison(EmbeddedKafkaBroker broker) throws Exception {
        JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);
        HttpExchange any = Scenario.benignUsers(1, T0, 10).get(0);
        String future = new String(serde.serialize(Topics.EXCHANGES, any), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":99");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EXCHANGES, "k".getBytes(StandardCharsets.UTF_8),
                    "{broken".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.EXCHANGES, "k".getBytes(StandardCharsets.UTF_8),
                    future.getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
