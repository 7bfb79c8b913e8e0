package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Credential;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.ExchangeDeserializer;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.replay.Pacer;
import io.periscope.mirror.replay.Progress;
import io.periscope.mirror.replay.UdpReplayer;
import io.periscope.server.cli.sample.SampleCaptureGenerator;
import io.periscope.mirror.source.CaptureFiles;
import io.periscope.mirror.source.CaptureReader;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product, end to end: a real REST API with fictional data is driven by a real HTTP client
 * through a recording relay, the recorded bytes become a VXLAN capture (as AWS Traffic Mirroring
 * would deliver them), the capture is replayed over real UDP into the standalone app, and what comes
 * out is checked: the exchanges on the embedded Kafka broker field by field, then the catalog through
 * the REST API endpoint by endpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MirrorToCatalogEndToEndTest {
    /** Requests SampleTraffic sends (see mirror-receiver's sample package). */
    private static final int REQUESTS = 23;
    /** Requests that only ever got 404 or 405 (GET /admin/.env, PUT /api/v1/users/1002): probed paths, not endpoints. */
    private static final int PROBES = 2;
    /** The sample API's operations that answered something else at least once. */
    private static final int ENDPOINTS = 10;

    @TempDir
    static Path dir;
    TestApp app;
    long startedMicros;

    @BeforeAll
    void replayRealTrafficIntoTheStandaloneApp() throws Exception {
        Map<String, Object> props = TestApp.properties(dir.resolve("data"));
        props.put("periscope.mirror.sessions.vni." + SampleCaptureGenerator.VNI, "shop");
        app = TestApp.start(props);
        startedMicros = System.currentTimeMillis() * 1000;
        Path capture = dir.resolve("shop.pcap");
        SampleCaptureGenerator.generate(capture);
        int port = app.health().path("roles").path("receiver").path("details").path("udpPort").asInt();
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        try (UdpReplayer replayer = new UdpReplayer(target, target, 1, 4); CaptureReader reader = CaptureFiles.open(capture)) {
            replayer.replay(reader, Pacer.packetsPerSecond(2000), Progress.NONE);
        }
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void everyRequestBecomesOnePairedExchangeOnKafka() {
        List<HttpExchange> exchanges = readExchanges(REQUESTS);
        assertThat(exchanges).hasSize(REQUESTS);
        assertThat(exchanges).allSatisfy(e -> {
            assertThat(e.request()).isNotNull();
            assertThat(e.response()).isNotNull();
            assertThat(e.flags()).doesNotContain(ExchangeFlag.GAP, ExchangeFlag.UNPAIRED_REQUEST,
                    ExchangeFlag.UNPAIRED_RESPONSE, ExchangeFlag.PARTIAL);
        });
    }

    @Test
    void anExchangeCarriesTheMirrorSessionTheConnectionCaptureTimesAndFingerprintedCredentials() {
        HttpExchange order = readExchanges(REQUESTS).stream()
                .filter(e -> e.request().method().equals("POST") && e.request().path().equals("/api/v1/orders"))
                .filter(e -> e.response().status() == 201)
                .filter(e -> e.credentials().stream().anyMatch(c -> c.jwt() != null && "1001".equals(c.jwt().sub())))
                .findFirst().orElseThrow();

        assertThat(order.schemaVersion()).isEqualTo(HttpExchange.SCHEMA_VERSION);
        assertThat(order.source().session()).isEqualTo("shop");
        assertThat(order.source().vni()).isEqualTo(SampleCaptureGenerator.VNI);
        assertThat(order.connection().serverAddress()).isEqualTo("10.0.2.15");
        assertThat(order.connection().serverPort()).isEqualTo(8080);
        assertThat(order.connection().clientAddress()).startsWith("10.0.1.");
        assertThat(order.clientIp()).isEqualTo(order.connection().clientAddress());
        assertThat(order.serverHost()).startsWith("127.0.0.1:");
        assertThat(order.serviceKey()).isEqualTo("shop|" + order.serverHost());
        assertThat(order.request().httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(order.request().headerValues("content-type")).containsExactly("application/json");
        assertThat(order.response().headerValues("location")).hasSize(1);
        assertThat(new String(order.response().body().content(), StandardCharsets.UTF_8)).contains("\"status\":\"paid\"");
        assertThat(order.response().body().contentType()).isEqualTo("application/json");

        Credential bearer = order.credentials().get(0);
        assertThat(bearer.location()).isEqualTo(Credential.Location.HEADER);
        assertThat(bearer.scheme()).isEqualTo("Bearer");
        assertThat(bearer.fingerprint()).matches("[0-9a-f]{32}");
        assertThat(bearer.jwt().alg()).isEqualTo("HS256");
        assertThat(bearer.jwt().exp()).isNotNull();
        assertThat(order.request().headerValues("authorization")).singleElement().asString()
                .startsWith("[redacted:Bearer:").doesNotContain("eyJ");

        var t = order.timings();
        assertThat(t.requestStartMicros()).isBetween(startedMicros - 60_000_000, System.currentTimeMillis() * 1000);
        assertThat(t.requestStartMicros()).isLessThanOrEqualTo(t.requestEndMicros());
        assertThat(t.requestEndMicros()).isLessThanOrEqualTo(t.responseStartMicros());
        assertThat(t.responseStartMicros()).isLessThanOrEqualTo(t.responseEndMicros());
    }

    @Test
    void theSameTokenHasTheSameFingerprintOnEveryExchange() {
        List<String> adaFingerprints = readExchanges(REQUESTS).stream().flatMap(e -> e.credentials().stream())
                .filter(c -> c.jwt() != null && "1001".equals(c.jwt().sub())).map(Credential::fingerprint).distinct().toList();
        assertThat(adaFingerprints).hasSize(1);
    }

    @Test
    void theCatalogListsEveryEndpointWithItsTemplateMethodAndAuth() throws Exception {
        Map<String, JsonNode> endpoints = awaitEndpoints(ENDPOINTS);
        assertThat(endpoints.keySet()).contains(
                "GET /api/v1/products", "POST /api/v1/users", "GET /api/v1/users", "POST /api/v1/orders",
                "GET /api/v1/orders", "GET /api/v1/reports/export");
        assertThat(endpoints.keySet()).anyMatch(k -> k.matches("GET /api/v1/products/\\{\\w+}"))
                .anyMatch(k -> k.matches("GET /api/v1/users/\\{\\w+}"))
                .anyMatch(k -> k.matches("GET /api/v1/orders/\\{\\w+}"))
                .anyMatch(k -> k.matches("DELETE /api/v1/orders/\\{\\w+}"));
        assertThat(endpoints.keySet()).noneMatch(k -> k.matches(".*/(1|2|9|1001|1002|5001|5002)$"));
        assertThat(endpoints).hasSize(ENDPOINTS);

        JsonNode user = find(endpoints, "GET /api/v1/users/\\{\\w+}");
        assertThat(texts(user.path("authSchemes"))).contains("Bearer");
        assertThat(user.path("unauthenticatedShare").asDouble()).isGreaterThan(0).isLessThan(1);
        JsonNode delete = find(endpoints, "DELETE /api/v1/orders/\\{\\w+}");
        assertThat(texts(delete.path("authSchemes"))).contains("ApiKey");
        assertThat(find(endpoints, "GET /api/v1/products").path("calls").asLong()).isEqualTo(1);
        assertThat(find(endpoints, "GET /api/v1/products/\\{\\w+}").path("calls").asLong()).isEqualTo(6);
    }

    @Test
    void pathsThatOnlyEverAnswered404Or405AreProbedPathsNotEndpoints() throws Exception {
        Map<String, JsonNode> endpoints = awaitEndpoints(ENDPOINTS);
        assertThat(endpoints.keySet()).noneMatch(k -> k.contains("/admin/.env") || k.startsWith("PUT "));
        String service = endpoints.values().iterator().next().path("serviceKey").asText();
        HttpResponse<String> page = app.send(app.asAdmin("/api/v1/services/"
                + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8) + "/probed-paths"));
        List<String> probed = new ArrayList<>();
        TestApp.json(page).path("items").forEach(p -> probed.add(p.path("method").asText() + " " + p.path("pathTemplate").asText()));
        // the .env probe got 404; PUT on a user got 405 (the sample API has no such operation)
        assertThat(probed).hasSize(PROBES).contains("GET /admin/.env").anyMatch(p -> p.matches("PUT /api/v1/users/\\{\\w+}"));
    }

    @Test
    void endpointDetailsShowParametersAndMaskedSensitiveDataNeverRawValues() throws Exception {
        Map<String, JsonNode> endpoints = awaitEndpoints(ENDPOINTS);

        JsonNode products = detail(find(endpoints, "GET /api/v1/products"));
        assertThat(parameterNames(products, "QUERY")).contains("category", "sort");
        JsonNode product = detail(find(endpoints, "GET /api/v1/products/\\{\\w+}"));
        assertThat(parameterNames(product, "PATH")).hasSize(1);

        JsonNode signUp = detail(find(endpoints, "POST /api/v1/users"));
        assertThat(sensitiveTypes(signUp)).contains("email", "phone");

        JsonNode order = detail(find(endpoints, "POST /api/v1/orders"));
        assertThat(sensitiveTypes(order)).contains("payment_card");
        String orderJson = order.toString();
        assertThat(orderJson).doesNotContain("4111111111111111").doesNotContain("5555555555554444").doesNotContain("eyJhbGci");
        assertThat(StreamSupport.stream(order.path("sensitiveData").spliterator(), false)
                .filter(s -> s.path("type").asText().equals("payment_card"))
                .map(s -> s.path("maskedExample").asText())).allSatisfy(m -> assertThat(m).contains("*"));
    }

    private Map<String, JsonNode> awaitEndpoints(int atLeast) {
        // the catalog is published on a flush interval: wait until call counts stop lagging
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(this::endpointsByKey,
                byKey -> byKey.size() >= atLeast
                        && byKey.values().stream().mapToLong(e -> e.path("calls").asLong()).sum() >= REQUESTS - PROBES);
    }

    private Map<String, JsonNode> endpointsByKey() throws Exception {
        HttpResponse<String> page = app.send(app.asAdmin("/api/v1/endpoints?limit=500"));
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode e : TestApp.json(page).path("items")) {
            byKey.put(e.path("method").asText() + " " + e.path("pathTemplate").asText(), e);
        }
        return byKey;
    }

    private JsonNode detail(JsonNode summary) throws Exception {
        String id = URLEncoder.encode(summary.path("endpointId").asText(), StandardCharsets.UTF_8);
        HttpResponse<String> response = app.send(app.asAdmin("/api/v1/endpoints/" + id));
        assertThat(response.statusCode()).isEqualTo(200);
        return TestApp.json(response);
    }

    private static JsonNode find(Map<String, JsonNode> endpoints, String keyPattern) {
        return endpoints.entrySet().stream().filter(e -> e.getKey().matches(keyPattern)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(keyPattern + " not in " + endpoints.keySet()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> parameterNames(JsonNode detail, String location) {
        List<String> out = new ArrayList<>();
        detail.path("parameters").path(location).forEach(p -> out.add(p.path("name").asText()));
        return out;
    }

    private static List<String> sensitiveTypes(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.path("sensitiveData").forEach(s -> out.add(s.path("type").asText()));
        return out;
    }

    private List<HttpExchange> readExchanges(int expected) {
        Map<String, Object> props = app.kafkaClientProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ExchangeDeserializer serde = new ExchangeDeserializer();
        List<HttpExchange> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EXCHANGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quietUntil = 0;
            while (System.nanoTime() < deadline && (out.size() < expected || System.nanoTime() < quietUntil)) {
                var records = consumer.poll(Duration.ofMillis(300));
                records.forEach(r -> out.add(serde.deserialize(r.topic(), r.headers(), r.value())));
                if (out.size() >= expected && quietUntil == 0) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // catch any extra ones
                }
            }
        }
        return out;
    }
}
