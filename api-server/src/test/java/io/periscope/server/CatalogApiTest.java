package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.kafka.Topics;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every catalog route of the REST API against a real app, broker and read model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogApiTest {
    static final String SHOP = "sess-1|shop.example.com";
    static final String BILLING = "sess-1|billing.example.com";

    @TempDir
    static Path dataDir;
    TestApp app;
    String viewer;
    String operator;
    EndpointSnapshot users;
    EndpointSnapshot orders;
    EndpointSnapshot deleteOrder;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        viewer = app.createToken("dashboards", "viewer");
        operator = app.createToken("on-call", "operator");
        users = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/users/{id}", 120, 30, NOW_MICROS - 2 * DAY_MICROS,
                List.of("email"), List.of(FindingType.SENSITIVE_DATA_WITHOUT_AUTH));
        orders = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/orders", 500, 0, NOW_MICROS - 20 * DAY_MICROS,
                List.of("payment_card"), List.of());
        deleteOrder = CatalogFixture.endpoint("sess-1", "shop.example.com", "DELETE", "/api/orders/{id}", 5, 5,
                NOW_MICROS - DAY_MICROS, List.of(), List.of(FindingType.STACK_TRACE_IN_RESPONSE));
        List<EndpointSnapshot> all = List.of(users, orders, deleteOrder,
                CatalogFixture.endpoint("sess-1", "shop.example.com", "POST", "/api/users", 40, 0, NOW_MICROS - 30 * DAY_MICROS,
                        List.of(), List.of()),
                CatalogFixture.endpoint("sess-1", "billing.example.com", "GET", "/v1/invoices", 80, 0, NOW_MICROS - 10 * DAY_MICROS,
                        List.of("email"), List.of()),
                CatalogFixture.endpoint("sess-1", "billing.example.com", "GET", "/health", 1000, 1000, NOW_MICROS - 40 * DAY_MICROS,
                        List.of(), List.of()));
        List<io.periscope.events.catalog.CatalogChange> changes = new ArrayList<>();
        for (EndpointSnapshot s : all) {
            changes.add(CatalogFixture.change(s, ChangeType.NEW_ENDPOINT, s.method() + " " + s.pathTemplate(), s.firstSeenMicros()));
        }
        changes.add(CatalogFixture.change(users, ChangeType.NEW_SENSITIVE_DATA, "RESPONSE_BODY $.owner.email email",
                users.firstSeenMicros() + 1_000_000));
        try (CatalogFixture fixture = new CatalogFixture(app)) {
            fixture.publish(all, changes);
            fixture.awaitView(all.size(), changes.size());
            fixture.publishProbes(List.of(
                    CatalogFixture.probedPath(SHOP, "GET", "/.env", NOW_MICROS - 3_000_000,
                            new ProbedPath.ClientCount("203.0.113.9", 40), new ProbedPath.ClientCount("198.51.100.7", 2)),
                    CatalogFixture.probedPath(SHOP, "GET", "/wp-admin", NOW_MICROS - 2_000_000, new ProbedPath.ClientCount("203.0.113.9", 7)),
                    CatalogFixture.probedPath(SHOP, "GET", "/backup.zip", NOW_MICROS - 1_000_000, new ProbedPath.ClientCount("203.0.113.9", 1))),
                    List.of(CatalogFixture.serviceFinding(SHOP, FindingType.CONTENT_DISCOVERY_PROBES, "client 203.0.113.9", NOW_MICROS)));
        }
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return app.send(app.request(path).header("Authorization", "Bearer " + token));
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path, viewer);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return TestApp.json(response);
    }

    private static List<String> templates(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("method").asText() + " " + i.path("pathTemplate").asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- reading ----

    @Test
    void servicesListsEachServiceWithItsEndpointCount() throws Exception {
        JsonNode items = ok("/api/v1/services").path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("serviceKey").asText()).isEqualTo(BILLING);
        assertThat(items.get(0).path("endpoints").asInt()).isEqualTo(2);
        assertThat(items.get(1).path("serviceKey").asText()).isEqualTo(SHOP);
        assertThat(items.get(1).path("endpoints").asInt()).isEqualTo(4);
    }

    @Test
    void overviewCountsNewAndSensitiveEndpoints() throws Exception {
        JsonNode o = ok("/api/v1/overview");
        assertThat(o.path("endpoints").asInt()).isEqualTo(6);
        assertThat(o.path("newThisWeek").asInt()).isEqualTo(2);
        assertThat(o.path("sensitiveEndpoints").asInt()).isEqualTo(3);
        assertThat(o.path("unauthenticatedSensitive").asInt()).isEqualTo(1);
        assertThat(o.path("sensitiveByType").path("email").asInt()).isEqualTo(2);
        assertThat(o.path("services").get(1).path("newThisWeek").asInt()).isEqualTo(2);
    }

    @Test
    void everyFindingCountOfTheOverviewAndTheServiceListCountsFindingsFromOneSource() throws Exception {
        JsonNode o = ok("/api/v1/overview");
        // two endpoint findings (users, deleteOrder) and the shop's own content-discovery finding
        assertThat(o.path("findings").asInt()).isEqualTo(3);
        assertThat(o.path("endpointsWithFindings").asInt()).isEqualTo(2);
        assertThat(o.path("findingsByType").path("STACK_TRACE_IN_RESPONSE").path("findings").asInt()).isEqualTo(1);
        assertThat(o.path("findingsByType").path("STACK_TRACE_IN_RESPONSE").path("endpoints").asInt()).isEqualTo(1);
        assertThat(o.path("findingsByType").path("CONTENT_DISCOVERY_PROBES").path("findings").asInt()).isEqualTo(1);
        assertThat(o.path("findingsByType").path("CONTENT_DISCOVERY_PROBES").path("endpoints").asInt()).isZero();
        int byType = 0;
        for (JsonNode t : o.path("findingsByType")) {
            byType += t.path("findings").asInt();
        }
        int byService = 0;
        for (JsonNode s : o.path("services")) {
            byService += s.path("findings").asInt();
        }
        int listed = 0;
        for (JsonNode s : ok("/api/v1/services").path("items")) {
            listed += s.path("findings").asInt();
        }
        assertThat(List.of(byType, byService, listed, ok("/api/v1/findings").path("total").asInt())).containsOnly(3);
        assertThat(o.path("probedPaths").asInt()).isEqualTo(3);
        assertThat(o.path("endpoints").asInt()).as("probed paths are never endpoints").isEqualTo(6);
    }

    @Test
    void theFindingsListIncludesTheFindingsOfServicesThemselves() throws Exception {
        JsonNode page = ok("/api/v1/findings?service=" + enc(SHOP) + "&type=CONTENT_DISCOVERY_PROBES");
        assertThat(page.path("total").asInt()).isEqualTo(1);
        JsonNode f = page.path("items").get(0);
        assertThat(f.path("subject").asText()).isEqualTo("client 203.0.113.9");
        assertThat(f.path("endpointId").asText()).isEmpty();
        assertThat(ok("/api/v1/findings?service=" + enc(BILLING)).path("total").asInt()).isZero();
        assertThat(get("/api/v1/findings?type=NOPE", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void probedPathsOfAServiceArePagedMostCalledFirstAndNeverListedAsEndpoints() throws Exception {
        JsonNode page = ok("/api/v1/services/" + enc(SHOP) + "/probed-paths?limit=2");
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).extracting(i -> i.path("pathTemplate").asText()).containsExactly("/.env", "/wp-admin");
        JsonNode env = page.path("items").get(0);
        assertThat(env.path("calls").asLong()).isEqualTo(42);
        assertThat(env.path("distinctClients").asLong()).isEqualTo(2);
        assertThat(env.path("topClients").get(0).path("client").asText()).isEqualTo("203.0.113.9");
        assertThat(env.path("clientSketch").isNull()).as("the sketch stays in the stream task").isTrue();
        assertThat(ok("/api/v1/services/" + enc(SHOP) + "/probed-paths?sort=path&order=asc").path("items"))
                .extracting(i -> i.path("pathTemplate").asText()).containsExactly("/.env", "/backup.zip", "/wp-admin");
        assertThat(templates(ok("/api/v1/endpoints?limit=500"))).noneMatch(t -> t.contains("/.env") || t.contains("/wp-admin"));
        assertThat(ok("/api/v1/services/" + enc(BILLING) + "/probed-paths").path("total").asInt()).isZero();
        assertThat(get("/api/v1/services/" + enc("sess-9|nowhere") + "/probed-paths", viewer).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/services/" + enc(SHOP) + "/probed-paths?sort=size", viewer).statusCode()).isEqualTo(400);
    }

    @Test
    void endpointsAreSortedByPathOnRequestAndPaged() throws Exception {
        JsonNode first = ok("/api/v1/endpoints?sort=path&limit=4");
        assertThat(first.path("total").asInt()).isEqualTo(6);
        assertThat(templates(first)).containsExactly("GET /api/orders", "DELETE /api/orders/{id}", "POST /api/users", "GET /api/users/{id}");
        JsonNode second = ok("/api/v1/endpoints?sort=path&limit=4&offset=4");
        assertThat(templates(second)).containsExactly("GET /health", "GET /v1/invoices");
    }

    @Test
    void endpointsFilterByEachCriterion() throws Exception {
        assertThat(templates(ok("/api/v1/endpoints?service=" + enc(BILLING) + "&sort=path"))).containsExactly("GET /health", "GET /v1/invoices");
        assertThat(templates(ok("/api/v1/endpoints?method=delete&sort=path"))).containsExactly("DELETE /api/orders/{id}");
        assertThat(templates(ok("/api/v1/endpoints?q=USERS&sort=path"))).containsExactly("POST /api/users", "GET /api/users/{id}");
        assertThat(templates(ok("/api/v1/endpoints?sensitive=payment_card&sort=path"))).containsExactly("GET /api/orders");
        assertThat(templates(ok("/api/v1/endpoints?unauthenticated=true&sort=path")))
                .containsExactly("DELETE /api/orders/{id}", "GET /api/users/{id}", "GET /health");
        assertThat(ok("/api/v1/endpoints?unauthenticated=false").path("total").asInt()).isEqualTo(3);
        assertThat(templates(ok("/api/v1/endpoints?finding=sensitive_data_without_auth&sort=path"))).containsExactly("GET /api/users/{id}");
        String since = java.time.Instant.ofEpochSecond((NOW_MICROS - 3 * DAY_MICROS) / 1_000_000).toString();
        assertThat(templates(ok("/api/v1/endpoints?newSince=" + since + "&sort=path"))).containsExactly("DELETE /api/orders/{id}", "GET /api/users/{id}");
        assertThat(templates(ok("/api/v1/endpoints?service=" + enc(SHOP) + "&method=GET&sensitive=email"))).containsExactly("GET /api/users/{id}");
    }

    @Test
    void endpointsOpenOnImportanceByDefault() throws Exception {
        JsonNode page = ok("/api/v1/endpoints");
        assertThat(templates(page).get(0)).isEqualTo("GET /api/users/{id}");
        int previousTier = Integer.MAX_VALUE;
        long previousCalls = Long.MAX_VALUE;
        for (JsonNode e : page.path("items")) {
            int tier = (e.path("sensitiveTypes").isEmpty() ? 0 : 2) + (e.path("unauthenticatedShare").asDouble() > 0 ? 1 : 0);
            long calls = e.path("calls").asLong();
            assertThat(tier).as("exposure never rises down the list").isLessThanOrEqualTo(previousTier);
            if (tier == previousTier) {
                assertThat(calls).as("within an exposure, most called first").isLessThanOrEqualTo(previousCalls);
            }
            previousTier = tier;
            previousCalls = calls;
        }
    }

    @Test
    void endpointsSortByCallsDescending() throws Exception {
        assertThat(templates(ok("/api/v1/endpoints?sort=calls&order=desc&limit=3")))
                .containsExactly("GET /health", "GET /api/orders", "GET /api/users/{id}");
        assertThat(templates(ok("/api/v1/endpoints?sort=firstSeen&limit=1"))).containsExactly("GET /health");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort=size|sort", "order=up|order", "offset=-1|offset", "limit=501|limit", "limit=0|limit",
            "limit=ten|limit", "newSince=yesterday|newSince", "newSince=2026-13-01|newSince", "unauthenticated=maybe|unauthenticated",
            "finding=XSS|finding", "method=G%20T|method", "sensitive=%3Cscript%3E|sensitive"})
    void badEndpointParametersAre400NamingTheParameter(String caseText) throws Exception {
        String[] parts = caseText.split("\\|");
        HttpResponse<String> response = get("/api/v1/endpoints?" + parts[0], viewer);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestApp.json(response);
        assertThat(error.path("status").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).startsWith("invalid parameter " + parts[1] + ":");
    }

    @Test
    void endpointDetailGroupsParametersAndBuildsTheSchemaTree() throws Exception {
        JsonNode e = ok("/api/v1/endpoints/" + users.endpointId());
        assertThat(e.path("pathTemplate").asText()).isEqualTo("/api/users/{id}");
        assertThat(e.path("parameters").path("PATH").get(0).path("name").asText()).isEqualTo("id");
        assertThat(e.path("parameters").path("QUERY").get(0).path("name").asText()).isEqualTo("page");
        assertThat(e.path("parameters").has("RESPONSE_BODY")).as("body fields are in the schema trees").isFalse();
        JsonNode root = e.path("schemas").path("responses").path("200");
        List<String> top = new ArrayList<>();
        root.path("children").forEach(c -> top.add(c.path("name").asText()));
        assertThat(top).containsExactly("id", "items", "owner");
        JsonNode items = root.path("children").get(1);
        assertThat(items.path("children").get(0).path("name").asText()).isEqualTo("[]");
        assertThat(items.path("children").get(0).path("children").get(0).path("path").asText()).isEqualTo("$.items[*].sku");
        JsonNode email = root.path("children").get(2).path("children").get(0);
        assertThat(email.path("sensitiveTypes").get(0).asText()).isEqualTo("email");
        assertThat(email.path("examples").get(0).asText()).isEqualTo("a***@e***.com");
        assertThat(e.path("sensitiveData").get(0).path("maskedExample").asText()).isEqualTo("a***@e***.com");
        assertThat(e.path("auth").path("unauthenticatedCalls").asLong()).isEqualTo(30);
        assertThat(e.path("auth").path("schemes").path("Bearer").asLong()).isEqualTo(90);
        assertThat(e.path("traffic").path("latency").path("p99Micros").asLong()).isEqualTo(41_000);
        assertThat(e.path("traffic").has("latencyHistogram")).isFalse();
        assertThat(e.path("findings").get(0).path("type").asText()).isEqualTo("SENSITIVE_DATA_WITHOUT_AUTH");
        assertThat(e.path("changes")).hasSize(2);
        assertThat(e.path("changes").get(0).path("type").asText()).isEqualTo("NEW_SENSITIVE_DATA");
    }

    @Test
    void anUnknownEndpointIs404() throws Exception {
        HttpResponse<String> response = get("/api/v1/endpoints/0000000000000000", viewer);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestApp.json(response).path("message").asText()).contains("0000000000000000");
    }

    @Test
    void theChangeFeedIsNewestFirstPagedAndFilteredByService() throws Exception {
        JsonNode page = ok("/api/v1/changes?limit=2");
        assertThat(page.path("total").asInt()).isEqualTo(7);
        assertThat(page.path("items").get(0).path("endpointId").asText()).isEqualTo(deleteOrder.endpointId());
        assertThat(page.path("items").get(1).path("type").asText()).isEqualTo("NEW_SENSITIVE_DATA");
        assertThat(ok("/api/v1/changes?service=" + enc(BILLING)).path("total").asInt()).isEqualTo(2);
        assertThat(get("/api/v1/changes?offset=-5", viewer).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/changes?limit=100000", viewer).statusCode()).isEqualTo(400);
    }

    // ---- documents ----

    @Test
    void theOpenApiExportIsAValidDownloadableDocument() throws Exception {
        HttpResponse<String> response = get("/api/v1/services/" + enc(SHOP) + "/openapi", viewer);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"shop.example.com-openapi.json\"");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, null);
        assertThat(parsed.getOpenAPI().getPaths()).containsKeys("/api/users/{id}", "/api/orders");
        assertThat(get("/api/v1/services/" + enc("sess-9|nowhere") + "/openapi", viewer).statusCode()).isEqualTo(404);
    }

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: shop, version: "1"}
            paths:
              /api/orders:
                get:
                  responses: {"200": {description: ok}}
              /api/users/{id}:
                get:
                  deprecated: true
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses: {"200": {description: ok}}
              /api/refunds:
                post:
                  responses: {"201": {description: created}}
            """;

    private HttpResponse<String> upload(String service, byte[] body, String token) throws Exception {
        return app.send(app.request("/api/v1/services/" + enc(service) + "/spec-diff")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void aSpecDiffShowsShadowZombieUnusedAndMismatchedOperations() throws Exception {
        HttpResponse<String> response = upload(SHOP, SPEC.getBytes(StandardCharsets.UTF_8), viewer);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode diff = TestApp.json(response);
        List<String> shadow = new ArrayList<>();
        diff.path("shadow").forEach(o -> shadow.add(o.path("method").asText() + " " + o.path("observedTemplate").asText()));
        assertThat(shadow).containsExactlyInAnyOrder("POST /api/users", "DELETE /api/orders/{id}");
        assertThat(diff.path("zombie").get(0).path("documentedPath").asText()).isEqualTo("/api/users/{id}");
        assertThat(diff.path("neverSeen").get(0).path("documentedPath").asText()).isEqualTo("/api/refunds");
        assertThat(diff.path("undocumentedParameters").toString()).contains("QUERY page");
    }

    @Test
    void aBrokenDocumentIs422WithAMessage() throws Exception {
        HttpResponse<String> response = upload(SHOP, "openapi: 3.0.3\npaths: [oops".getBytes(StandardCharsets.UTF_8), viewer);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(response).path("message").asText()).isNotBlank();
    }

    @Test
    void aDocumentOverTheLimitIs413AndAnUnknownServiceIs404() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> tooBig = upload(SHOP, big, viewer);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(TestApp.json(tooBig).path("status").asInt()).isEqualTo(413);
        assertThat(upload("sess-9|nowhere", SPEC.getBytes(StandardCharsets.UTF_8), viewer).statusCode()).isEqualTo(404);
    }

    // ---- rules ----

    private HttpResponse<String> addRule(String token, Map<String, Object> rule) throws Exception {
        return app.send(app.request("/api/v1/services/" + enc(SHOP) + "/rules").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(TestApp.jsonBody(rule)));
    }

    @Test
    void anOperatorAddsListsAndRemovesTemplateRules() throws Exception {
        HttpResponse<String> created = addRule(operator, Map.of("action", "merge", "method", "get", "pattern", "/api/carts/{cart}"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode rule = TestApp.json(created);
        assertThat(rule.path("action").asText()).isEqualTo("MERGE");
        assertThat(rule.path("method").asText()).isEqualTo("GET");
        assertThat(rule.path("createdBy").asText()).isEqualTo("on-call");
        String id = rule.path("id").asText();
        assertThat(ok("/api/v1/services/" + enc(SHOP) + "/rules").path("items").toString()).contains(id);

        String path = "/api/v1/services/" + enc(SHOP) + "/rules/" + id;
        assertThat(app.send(app.request(path).header("Authorization", "Bearer " + viewer).DELETE()).statusCode()).isEqualTo(403);
        assertThat(app.send(app.request(path).header("Authorization", "Bearer " + operator).DELETE()).statusCode()).isEqualTo(204);
        assertThat(app.send(app.request(path).header("Authorization", "Bearer " + operator).DELETE()).statusCode()).isEqualTo(404);
        assertThat(ok("/api/v1/services/" + enc(SHOP) + "/rules").path("items").toString()).doesNotContain(id);
    }

    @Test
    void aViewerCannotAddRulesAndBadRulesAre400() throws Exception {
        assertThat(addRule(viewer, Map.of("action", "merge", "pattern", "/a/{b}")).statusCode()).isEqualTo(403);
        HttpResponse<String> badAction = addRule(operator, Map.of("action", "join", "pattern", "/a/{b}"));
        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(badAction).path("message").asText()).startsWith("invalid parameter action:");
        HttpResponse<String> badPattern = addRule(operator, Map.of("action", "split", "pattern", "no-slash"));
        assertThat(badPattern.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(badPattern).path("message").asText()).startsWith("invalid parameter pattern:");
        assertThat(addRule(operator, Map.of("action", "merge")).statusCode()).isEqualTo(400);
    }

    // ---- pipeline ----

    @Test
    void pipelineStatusGroupsMetersByStageWithDropsAndComputesConsumerLag() throws Exception {
        app.context.getBean(MeterRegistry.class).counter("periscope.teststage.records", "outcome", "dropped", "reason", "too_big")
                .increment(3);
        Map<String, Object> props = app.kafkaClientProperties();
        try (var producer = new KafkaProducer<String, byte[]>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(Topics.TEMPLATE_RULES, 0, "lag-test", new byte[0])).get();
            }
        }
        Properties c = new Properties();
        c.putAll(props);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "periscope-lag-test");
        TopicPartition tp = new TopicPartition(Topics.TEMPLATE_RULES, 0);
        long end;
        try (var consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            end = consumer.endOffsets(List.of(tp)).get(tp);
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(end - 3)));
        }
        JsonNode status = ok("/api/v1/pipeline");
        JsonNode stage = null;
        for (JsonNode s : status.path("stages")) {
            if (s.path("stage").asText().equals("teststage")) {
                stage = s;
            }
        }
        assertThat(stage).isNotNull();
        assertThat(stage.path("dropped").asDouble()).isEqualTo(3.0);
        assertThat(stage.path("drops").get(0).path("reason").asText()).isEqualTo("too_big");
        assertThat(status.path("stages").toString()).contains("\"stage\":\"discovery\"");
        JsonNode group = null;
        for (JsonNode g : status.path("consumerGroups")) {
            if (g.path("group").asText().equals("periscope-lag-test")) {
                group = g;
            }
        }
        assertThat(group).as(status.toString()).isNotNull();
        assertThat(group.path("lag").asLong()).isEqualTo(3);
        assertThat(status.hasNonNull("lagError")).as("lagError").isFalse();
    }

    // ---- health, errors, the document ----

    @Test
    void healthReportsTheApiRoleWithTheCatalogSize() throws Exception {
        JsonNode api = app.health().path("roles").path("api");
        assertThat(api.path("status").asText()).isEqualTo("UP");
        assertThat(api.path("details").path("endpoints").asInt()).isEqualTo(6);
        assertThat(api.path("details").path("catalogCaughtUp").asBoolean()).isTrue();
    }

    @Test
    void anUnknownApiRouteIsAJson404() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing-here", viewer);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestApp.json(response).path("status").asInt()).isEqualTo(404);
        assertThat(TestApp.json(response).path("error").asText()).isEqualTo("Not Found");
    }

    @Test
    void theServedOpenApiDocumentIsValid() throws Exception {
        HttpResponse<String> response = get("/api/v1/openapi.yaml", viewer);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/v1/endpoints");
    }
}
