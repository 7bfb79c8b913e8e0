package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.server.kafka.KafkaRuntime;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An imported API document vouches for its operations: each becomes a MERGE rule, so a documented path that only ever
 * answered 404 is an endpoint of the catalog while an undocumented one stays a probed path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedOperationsTest {
    private static final String SERVICE = "docs|shop.example";
    private static final String DOCUMENT = """
            openapi: 3.0.3
            info: {title: Shop, version: "2"}
            servers: [{url: "https://shop.example/v2"}]
            paths:
              /health:
                get: {responses: {"200": {description: up}}}
              /orders/{orderId}:
                parameters: [{name: orderId, in: path, required: true, schema: {type: string}}]
                get: {responses: {"200": {description: the order}}}
                delete: {responses: {"204": {description: gone}}}
            """;

    @TempDir
    static Path dir;
    TestApp app;
    String operator;
    String viewer;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> p = TestApp.properties(dir);
        p.put("periscope.discovery.flush-interval", "200ms");
        app = TestApp.start(p);
        operator = app.createToken("on-call", "operator");
        viewer = app.createToken("reader", "viewer");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private java.net.http.HttpResponse<String> vouch(String token, String document) throws Exception {
        return app.send(app.request("/api/v1/services/" + URLEncoder.encode(SERVICE, StandardCharsets.UTF_8) + "/rules/documented")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                .POST(BodyPublishers.ofString(document)));
    }

    @Test
    void aDocumentsOperationsBecomeMergeRulesOnceAndItsDocumentedPathEntersTheCatalogDespiteA404() throws Exception {
        java.net.http.HttpResponse<String> first = vouch(operator, DOCUMENT);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(TestApp.json(first).path("documented").asInt()).isEqualTo(3);
        assertThat(TestApp.json(first).path("added").asInt()).isEqualTo(3);
        java.net.http.HttpResponse<String> again = vouch(operator, DOCUMENT);
        assertThat(TestApp.json(again).path("added").asInt()).as("importing twice adds nothing").isZero();

        JsonNode rules = TestApp.json(app.send(app.asAdmin("/api/v1/services/" + URLEncoder.encode(SERVICE, StandardCharsets.UTF_8)
                + "/rules")));
        assertThat(rules.path("items")).extracting(r -> r.path("action").asText() + " " + r.path("method").asText() + " "
                + r.path("pattern").asText())
                .containsExactlyInAnyOrder("MERGE GET /v2/health", "MERGE GET /v2/orders/{orderId}", "MERGE DELETE /v2/orders/{orderId}");

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                app.context.getBean(KafkaRuntime.class).clientProperties(), new StringSerializer(), new ByteArraySerializer());
             JsonSerde<HttpExchange> serde = new JsonSerde<>(HttpExchange.class)) {
            for (String path : List.of("/v2/health", "/v2/backup.zip")) {
                HttpExchange e = notFound(path);
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, e.serviceKey(), serde.serialize(Topics.EXCHANGES, e))).get();
            }
        }
        await("documented path cataloged").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/endpoints?q=/v2/health"))).path("total").asInt() > 0);
        await("undocumented path probed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/services/" + URLEncoder.encode(SERVICE, StandardCharsets.UTF_8)
                        + "/probed-paths"))).path("total").asInt() == 1);
        assertThat(TestApp.json(app.send(app.asAdmin("/api/v1/endpoints?q=/v2/backup.zip"))).path("total").asInt()).isZero();
    }

    @Test
    void aViewerMayNotVouchAndABrokenDocumentIs422WithoutChangingTheRules() throws Exception {
        assertThat(vouch(viewer, DOCUMENT).statusCode()).isEqualTo(403);
        java.net.http.HttpResponse<String> broken = vouch(operator, "openapi: [");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(422);
    }

    private static HttpExchange notFound(String path) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "doc-" + UUID.randomUUID(), new MirrorSource("docs", -1, "test"),
                new Connection("c", "10.0.0.1", 1234, "10.0.0.2", 80), "10.0.0.1", null, "shop.example",
                new HttpRequest("GET", path, path, List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY),
                new HttpResponse("HTTP/1.1", 404, "Not Found", List.of(), List.of(), List.of(), Body.EMPTY),
                new Timings(1, 2, 3, 4), null, null);
    }
}
