package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.server.kafka.KafkaRuntime;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template rule writes against a real app and broker: limits answered 413 before Kafka, concurrent additions
 * from one or two API servers never lost silently, If-Match compare-and-set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleWritesTest {
    static final int MAX_RULES = 50;
    static final int MAX_RECORD_BYTES = 16384;

    @TempDir
    static Path dir;
    TestApp app;
    String operator;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> p = TestApp.properties(dir.resolve("one"));
        p.put("periscope.api.max-rules-per-service", MAX_RULES);
        p.put("periscope.api.max-record-bytes", MAX_RECORD_BYTES);
        app = TestApp.start(p);
        operator = app.createToken("on-call", "operator");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    static String rulesPath(String service) {
        return "/api/v1/services/" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "/rules";
    }

    static HttpRequest.Builder addRequest(TestApp on, String token, String service, String pattern) throws Exception {
        return on.request(rulesPath(service)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("action", "merge", "method", "GET", "pattern", pattern)));
    }

    private HttpResponse<String> add(String service, String pattern) throws Exception {
        return app.send(addRequest(app, operator, service, pattern));
    }

    private JsonNode list(TestApp on, String service) throws Exception {
        HttpResponse<String> r = on.send(on.request(rulesPath(service)).header("Authorization", "Bearer " + operator));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return TestApp.json(r);
    }

    @Test
    void oneRuleMoreThanTheCountLimitIs413AndTheSetStaysAsItWas() throws Exception {
        String service = "s-count|limits.example";
        for (int i = 0; i < MAX_RULES; i++) {
            assertThat(add(service, "/c/" + i + "/{id}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> over = add(service, "/c/over/{id}");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(TestApp.json(over).path("message").asText())
                .contains("the limit is " + MAX_RULES).contains("periscope.api.max-rules-per-service");
        assertThat(list(app, service).path("items").size()).isEqualTo(MAX_RULES);
        assertThat(list(app, service).path("version").asLong()).isEqualTo(MAX_RULES);
    }

    @Test
    void aRuleSetOverTheRecordSizeLimitIs413BeforeItReachesKafka() throws Exception {
        String service = "s-bytes|limits.example";
        String longPattern = "/" + "x".repeat(480) + "/{id}";
        int accepted = 0;
        HttpResponse<String> last;
        do {
            last = add(service, longPattern + accepted);
            if (last.statusCode() == 201) {
                accepted++;
            }
        } while (last.statusCode() == 201 && accepted < MAX_RULES);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(413);
        assertThat(TestApp.json(last).path("message").asText())
                .contains("the limit is " + MAX_RECORD_BYTES).contains("periscope.api.max-record-bytes")
                .doesNotContain("xxxxxxxxxx");
        assertThat(accepted).isBetween(1, MAX_RULES - 1);
        assertThat(list(app, service).path("items").size()).isEqualTo(accepted);
        // the API is still healthy and discovery still runs
        JsonNode health = app.health();
        assertThat(health.path("roles").path("discovery").path("details").path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void fortyConcurrentAdditionsOnOneServerAreAllStored() throws Exception {
        String service = "s-concurrent|one.example";
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(app.http.sendAsync(addRequest(app, operator, service, "/one/" + i + "/{id}").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> created = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.join();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            created.add(TestApp.json(r).path("id").asText());
        }
        JsonNode stored = list(app, service);
        assertThat(ids(stored)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(stored.path("version").asLong()).isEqualTo(40);
    }

    @Test
    void concurrentAdditionsThroughTwoApiServersAreStoredOrAnsweredWithAConflict() throws Exception {
        Map<String, Object> p = app.sharingKafkaWith(dir.resolve("two"));
        p.put("periscope.roles", "api");
        try (TestApp second = TestApp.start(p)) {
            String service = "s-concurrent|two.example";
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TestApp on = i % 2 == 0 ? app : second;
                sent.add(on.http.sendAsync(addRequest(on, operator, service, "/two/" + i + "/{id}").build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Set<String> created = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> f : sent) {
                HttpResponse<String> r = f.join();
                assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
                if (r.statusCode() == 201) {
                    created.add(TestApp.json(r).path("id").asText());
                }
            }
            assertThat(created).isNotEmpty();
            // both servers come to read the same committed set: every 201 is in it and nothing else is. Each server's
            // read model follows the topic, so the last write through the other server reaches it a moment later.
            awaitIds(app, service, created);
            awaitIds(second, service, created);
        }
    }

    @Test
    void aChangeWithAStaleIfMatchIs412AndOneWithTheCurrentETagIsMade() throws Exception {
        String service = "s-etag|etag.example";
        HttpResponse<String> first = add(service, "/e/{id}");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> listed = app.send(app.request(rulesPath(service)).header("Authorization", "Bearer " + operator));
        assertThat(listed.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> stale = app.send(addRequest(app, operator, service, "/f/{id}").header("If-Match", "\"0\""));
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.headers().firstValue("ETag")).hasValue("\"1\"");
        HttpResponse<String> current = app.send(addRequest(app, operator, service, "/f/{id}").header("If-Match", "\"1\""));
        assertThat(current.statusCode()).as(current.body()).isEqualTo(201);
        assertThat(current.headers().firstValue("ETag")).hasValue("\"2\"");

        String id = TestApp.json(first).path("id").asText();
        HttpResponse<String> staleDelete = app.send(app.request(rulesPath(service) + "/" + id)
                .header("Authorization", "Bearer " + operator).header("If-Match", "\"1\"").DELETE());
        assertThat(staleDelete.statusCode()).isEqualTo(412);
        HttpResponse<String> badTag = app.send(app.request(rulesPath(service) + "/" + id)
                .header("Authorization", "Bearer " + operator).header("If-Match", "\"v2\"").DELETE());
        assertThat(badTag.statusCode()).isEqualTo(400);
        assertThat(TestApp.json(badTag).path("message").asText()).startsWith("invalid parameter If-Match:");
        assertThat(list(app, service).path("items").size()).isEqualTo(2);
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.path("items").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private void awaitIds(TestApp on, String service, Set<String> expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(ids(list(on, service))).containsExactlyInAnyOrderElementsOf(expected));
    }
}
