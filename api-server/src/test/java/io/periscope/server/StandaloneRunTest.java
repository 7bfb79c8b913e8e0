package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.server.kafka.KafkaRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone mode: one JVM, a real embedded broker, every role. */
class StandaloneRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private Map<String, Object> properties() {
        return TestApp.properties(dataDir);
    }

    @Test
    void healthReportsKafkaAndTheStateOfEveryRole() throws Exception {
        try (TestApp started = TestApp.start(properties())) {
            JsonNode health = started.health();
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.path("ready").asBoolean()).isTrue();
            assertThat(health.path("live").asBoolean()).isTrue();
            assertThat(health.path("kafka").path("reachable").asBoolean()).isTrue();
            assertThat(health.path("kafka").path("embedded").asBoolean()).isTrue();
            assertThat(health.path("kafka").path("missingTopics").asInt()).isZero();
            assertThat(health.path("roles").fieldNames()).toIterable()
                    .containsExactly("receiver", "discovery", "detection", "enforcement", "alerting", "api");
            assertThat(health.path("roles").path("detection").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("roles").path("discovery").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("roles").path("receiver").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("roles").path("receiver").path("details").path("udpPort").asInt()).isPositive();
            assertThat(health.path("roles").path("discovery").path("details").path("applicationId").asText())
                    .isEqualTo("periscope-discovery");
            assertThat(health.path("roles").path("discovery").path("details").path("state").asText()).isEqualTo("RUNNING");
            assertThat(health.path("roles").path("discovery").path("details").path("restoringPartitions").asInt()).isZero();
        }
    }

    @Test
    void rolesNotConfiguredForThisProcessAreReportedDisabled() throws Exception {
        Map<String, Object> p = properties();
        p.put("periscope.roles", "api");
        try (TestApp app = TestApp.start(p)) {
            JsonNode roles = app.health().path("roles");
            assertThat(roles.path("detection").path("status").asText()).isEqualTo("DISABLED");
            assertThat(roles.path("receiver").path("status").asText()).isEqualTo("DISABLED");
        }
    }

    @Test
    void anExchangePublishedToTheEmbeddedBrokerIsConsumedByTheDetectionRole() throws Exception {
        try (ApplicationContext app = Periscope.start(properties())) {
            publish(app.getBean(KafkaRuntime.class), exchange("e-1"));
            long consumed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> getJson(app, "/api/v1/health").path("roles").path("detection").path("details")
                            .path("exchangesConsumed").asLong(), n -> n >= 1);
            assertThat(consumed).isEqualTo(1);
        }
    }

    @Test
    void dataUnderTheDataDirectorySurvivesAStopAndStart() throws Exception {
        try (ApplicationContext app = Periscope.start(properties())) {
            publish(app.getBean(KafkaRuntime.class), exchange("kept-1"));
            publish(app.getBean(KafkaRuntime.class), exchange("kept-2"));
        }
        try (ApplicationContext app = Periscope.start(properties())) {
            assertThat(readAllIds(app.getBean(KafkaRuntime.class), 2)).containsExactlyInAnyOrder("kept-1", "kept-2");
        }
    }

    @Test
    void metricsAreServedInPrometheusFormat() throws Exception {
        try (ApplicationContext app = Periscope.start(properties())) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(uri(app, "/metrics"))
                    .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(response.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        }
    }

    private URI uri(ApplicationContext app, String path) {
        return app.getBean(EmbeddedServer.class).getURI().resolve(path);
    }

    private JsonNode getJson(ApplicationContext app, String path) throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(uri(app, path))
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).build(), BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static void publish(KafkaRuntime kafka, HttpExchange exchange) throws Exception {
        try (var producer = new KafkaProducer<>(kafka.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EXCHANGES, exchange.serviceKey().getBytes(StandardCharsets.UTF_8),
                    JsonSerde.of(HttpExchange.class).serialize(Topics.EXCHANGES, exchange))).get();
        }
    }

    private static List<String> readAllIds(KafkaRuntime kafka, int expected) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> ids = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EXCHANGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r ->
                        ids.add(new ExchangeDeserializer().deserialize(r.topic(), r.headers(), r.value()).id()));
            }
        }
        return ids;
    }

    private static HttpExchange exchange(String id) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, id, new MirrorSource("default", -1, "test"),
                new Connection("c", "10.0.0.1", 1234, "10.0.0.2", 80), "10.0.0.1", null, "api.test",
                new HttpRequest("GET", "/", "/", List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY), null,
                new Timings(1, 2, Timings.UNKNOWN, Timings.UNKNOWN), null, null);
    }
}
