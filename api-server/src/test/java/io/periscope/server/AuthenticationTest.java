package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.periscope.events.time.ManualClock;
import io.periscope.server.time.ManualClockFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {
    @TempDir
    static Path dataDir;
    TestApp app;
    ManualClock clock;

    @BeforeAll
    void start() {
        Map<String, Object> properties = TestApp.properties(dataDir);
        properties.put(ManualClockFactory.ENABLED, true);
        app = TestApp.start(properties);
        clock = app.context.getBean(ManualClock.class);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private String createToken(String name, String role) throws Exception {
        HttpResponse<String> created = app.send(app.asAdmin("/api/v1/tokens").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("name", name, "role", role))));
        assertThat(created.statusCode()).isEqualTo(201);
        return TestApp.json(created).path("token").asText();
    }

    @Test
    void anApiCallWithoutATokenIsRefusedWith401AndAJsonError() throws Exception {
        HttpResponse<String> response = app.send(app.request("/api/v1/tokens"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(TestApp.json(response).path("message").asText()).contains("authentication required");
    }

    @Test
    void anUnknownTokenIsRefusedWith401() throws Exception {
        assertThat(app.send(app.request("/api/v1/session").header("Authorization", "Bearer psc_nope")).statusCode()).isEqualTo(401);
    }

    @Test
    void aPageLoadWithoutASessionIsRedirectedToTheSignInPage() throws Exception {
        HttpResponse<String> response = app.send(app.request("/"));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void healthProbesStayOpenAndMetricsNeedATokenByDefault() throws Exception {
        assertThat(app.send(app.request("/health")).statusCode()).isEqualTo(200);
        assertThat(app.send(app.request("/health/live")).statusCode()).isEqualTo(200);
        assertThat(app.send(app.request("/metrics")).statusCode()).isEqualTo(401);
        assertThat(app.send(app.asAdmin("/metrics")).statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerCanReadButCannotChangeAnything() throws Exception {
        String viewer = createToken("dashboards", "viewer");
        HttpResponse<String> read = app.send(app.request("/api/v1/session").header("Authorization", "Bearer " + viewer));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(read).path("role").asText()).isEqualTo("viewer");

        HttpResponse<String> write = app.send(app.request("/api/v1/tokens").header("Authorization", "Bearer " + viewer)
                .header("Content-Type", "application/json").POST(TestApp.jsonBody(Map.of("name", "x", "role", "admin"))));
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(app.send(app.request("/api/v1/tokens").header("Authorization", "Bearer " + viewer)).statusCode()).isEqualTo(403);
    }

    @Test
    void aNewTokenIsShownOnceAndNeverListedOrStoredInTheClear() throws Exception {
        String token = createToken("ci pipeline", "operator");
        assertThat(token).startsWith("psc_").hasSizeGreaterThan(40);

        HttpResponse<String> list = app.send(app.asAdmin("/api/v1/tokens"));
        assertThat(list.body()).doesNotContain(token).contains("ci pipeline");
        for (JsonNode t : TestApp.json(list)) {
            assertThat(t.has("tokenSha256")).isFalse();
        }
        String stored = readTopic(Topics.TOKENS);
        assertThat(stored).contains("ci pipeline").doesNotContain(token).doesNotContain(TestApp.ADMIN_TOKEN);
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatAuthenticatesTheUi() throws Exception {
        String viewer = createToken("alice", "viewer");
        HttpResponse<String> signIn = signIn(viewer);
        assertThat(signIn.statusCode()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("periscope_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> me = app.send(app.request("/api/v1/session").header("Cookie", cookie));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(TestApp.json(me).path("name").asText()).isEqualTo("alice");
        assertThat(TestApp.json(me).path("csrfToken").asText()).isEqualTo(TestApp.json(signIn).path("csrfToken").asText());
        assertThat(readTopic(Topics.SESSIONS)).doesNotContain(cookie.substring(cookie.indexOf('=') + 1));
    }

    @Test
    void aStateChangingRequestWithASessionCookieNeedsTheCsrfToken() throws Exception {
        HttpResponse<String> signIn = signIn(TestApp.ADMIN_TOKEN);
        String cookie = cookieOf(signIn);
        String csrf = TestApp.json(signIn).path("csrfToken").asText();
        var body = TestApp.jsonBody(Map.of("name", "made in the ui", "role", "viewer"));

        HttpResponse<String> forged = app.send(app.request("/api/v1/tokens").header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(body));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(TestApp.json(forged).path("message").asText()).contains("X-CSRF-Token");

        HttpResponse<String> wrong = app.send(app.request("/api/v1/tokens").header("Cookie", cookie)
                .header("X-CSRF-Token", "0".repeat(64)).header("Content-Type", "application/json").POST(body));
        assertThat(wrong.statusCode()).isEqualTo(403);

        HttpResponse<String> genuine = app.send(app.request("/api/v1/tokens").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/json").POST(body));
        assertThat(genuine.statusCode()).isEqualTo(201);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
        HttpResponse<String> signIn = signIn(createToken("bob", "viewer"));
        String cookie = cookieOf(signIn);
        String csrf = TestApp.json(signIn).path("csrfToken").asText();

        HttpResponse<String> out = app.send(app.request("/api/v1/session").header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).DELETE());
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void revokingATokenEndsItsSessionsAndItsApiAccess() throws Exception {
        String token = createToken("leaked", "operator");
        String cookie = cookieOf(signIn(token));
        String id = TestApp.json(app.send(app.request("/api/v1/session").header("Authorization", "Bearer " + token))).path("tokenId").asText();

        assertThat(app.send(app.asAdmin("/api/v1/tokens/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertThat(app.send(app.request("/api/v1/session").header("Authorization", "Bearer " + token)).statusCode()).isEqualTo(401);
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionEndsWhenItsTtlHasPassedOnTheServersClock() throws Exception {
        String cookie = cookieOf(signIn(createToken("carol", "viewer")));
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", cookie)).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(app.send(app.request("/api/v1/session").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenRecordsItsCreationTimeFromTheServersClock() throws Exception {
        clock.advance(Duration.ofDays(3));
        long now = EpochMicros.now(clock);
        createToken("stamped", "viewer");
        JsonNode stamped = null;
        for (JsonNode t : TestApp.json(app.send(app.asAdmin("/api/v1/tokens")))) {
            if (t.path("name").asText().equals("stamped")) {
                stamped = t;
            }
        }
        assertThat(stamped).isNotNull();
        assertThat(stamped.path("createdMicros").asLong()).isEqualTo(now);
    }

    @Test
    void signInsAreRefusedAfterTooManyFailuresUntilTheWindowHasPassed() throws Exception {
        String token = createToken("dave", "viewer");
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(signIn("psc_wrong-" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> refused = signIn(token);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("300");
            clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(signIn(token).statusCode()).as("one second before the window ends").isEqualTo(429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(signIn(token).statusCode()).as("the window has passed since the last failure").isEqualTo(200);
        } finally {
            clock.advance(Duration.ofMinutes(5)); // every test here signs in from this address
        }
    }

    private HttpResponse<String> signIn(String token) throws Exception {
        return app.send(app.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("token", token))));
    }

    private static String cookieOf(HttpResponse<String> signIn) {
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private String readTopic(String topic) {
        Map<String, Object> props = app.kafkaClientProperties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        StringBuilder all = new StringBuilder();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key() != null) {
                        all.append(new String(r.key(), StandardCharsets.UTF_8));
                    }
                    if (r.value() != null) {
                        all.append(new String(r.value(), StandardCharsets.UTF_8));
                    }
                });
            }
        }
        return all.toString();
    }
}
