package io.periscope.detection.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExchangeIntakeTest {
    @TempDir
    Path dataDir;

    @Test
    void readableExchangesReachTheHandlerAndUnreadableRecordsAreCountedAndSkipped() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, "127.0.0.1", 0)) {
            Map<String, Object> client = broker.clientProperties();
            try (Admin admin = Admin.create(client)) {
                new TopicProvisioner(admin, Duration.ofSeconds(30))
                        .ensure(List.of(new TopicSpec(Topics.EXCHANGES, 2, (short) 1, Map.of())));
            }
            JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < 3; i++) {
                    HttpExchange e = exchange("c-" + i);
                    producer.send(new ProducerRecord<>(Topics.EXCHANGES, e.serviceKey().getBytes(StandardCharsets.UTF_8),
                            serde.serialize(Topics.EXCHANGES, e))).get();
                }
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, null, "{broken".getBytes(StandardCharsets.UTF_8))).get();
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, null, new String(serde.serialize(Topics.EXCHANGES, exchange("future")),
                        StandardCharsets.UTF_8).replace("\"schemaVersion\":1", "\"schemaVersion\":99").getBytes(StandardCharsets.UTF_8))).get();
            }

            List<HttpExchange> seen = new CopyOnWriteArrayList<>();
            try (ExchangeIntake intake = new ExchangeIntake(client, seen::add).start()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (intake.stats().consumed() + intake.stats().unreadable() + intake.stats().unsupportedVersion() < 5
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(seen).extracting(HttpExchange::id).containsExactlyInAnyOrder("c-0", "c-1", "c-2");
                assertThat(intake.stats().unreadable()).isEqualTo(1);
                assertThat(intake.stats().unsupportedVersion()).isEqualTo(1);
            }
        }
    }

    private static HttpExchange exchange(String id) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, id, new MirrorSource("s", 1, "r"),
                new Connection("c", "10.0.0.1", 1234, "10.0.0.2", 80), "10.0.0.1", null, "api.test",
                new HttpRequest("GET", "/", "/", List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY), null,
                new Timings(1, 2, Timings.UNKNOWN, Timings.UNKNOWN), null, null);
    }
}
