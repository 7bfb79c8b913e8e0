package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert destination routes of a standalone Periscope (every role, so the alerting role delivers) against a real
 * receiver: the secret is shown once, the test route signs and reports the answer, an incident published to
 * {@code periscope.incidents} arrives and shows in the delivery log, a metadata address is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertApiTest {
    private static final String SERVICE = "prod|alerts.example.test";
    @TempDir
    static Path dataDir;
    TestApp app;
    HttpServer receiver;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            received.add(Map.of("id", ex.getRequestHeaders().getFirst("webhook-id"),
                    "ts", ex.getRequestHeaders().getFirst("webhook-timestamp"),
                    "sig", ex.getRequestHeaders().getFirst("webhook-signature")));
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "thanks".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        receiver.start();
        Map<String, Object> p = TestApp.properties(dataDir);
        p.put("periscope.alerts.allow-http", true);
        p.put("periscope.alerts.allowed-cidrs", "127.0.0.0/8");
        p.put("periscope.alerts.external-base-url", "https://periscope.example.test");
        app = TestApp.start(p);
    }

    @AfterAll
    void stop() {
        app.close();
        receiver.stop(0);
    }

    private HttpResponse<String> post(String path, Object body) throws Exception {
        return app.send(app.asAdmin(path).header("Content-Type", "application/json").POST(TestApp.jsonBody(body)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return app.send(app.asAdmin(path).GET());
    }

    private static boolean verifies(String secret, Map<String, String> h, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((h.get("id") + "." + h.get("ts") + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String s : h.get("sig").split(" ")) {
            if (MessageDigest.isEqual(Base64.getDecoder().decode(s.substring(3)), expected)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> draft(String url) {
        return Map.of("name", "soc", "url", url, "format", "PERISCOPE_JSON",
                "events", Map.of("incidents", List.of("OPENED", "RESOLVED")), "services", List.of(SERVICE),
                "headers", Map.of("Authorization", "Bearer receiver-credential"));
    }

    @Test
    void aDestinationIsCreatedWithItsSecretShownOnceTestedSignedAndReceivesIncidents() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HttpResponse<String> created = post("/api/v1/alert-destinations", draft(url));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = TestApp.json(created).path("secret").asText();
        String id = TestApp.json(created).at("/destination/id").asText();
        assertThat(secret).startsWith("whsec_");

        HttpResponse<String> list = get("/api/v1/alert-destinations");
        assertThat(list.body()).contains(id).doesNotContain(secret.substring(6)).doesNotContain("receiver-credential");
        assertThat(TestApp.json(get("/api/v1/alert-destinations/" + id)).path("headerNames").toString()).contains("Authorization");

        JsonNode test = TestApp.json(post("/api/v1/alert-destinations/" + id + "/test", Map.of()));
        assertThat(test.path("result").asText()).isEqualTo("DELIVERED");
        assertThat(test.path("status").asInt()).isEqualTo(200);
        assertThat(test.path("body").asText()).isEqualTo("thanks");
        assertThat(verifies(secret, received.get(received.size() - 1), bodies.get(bodies.size() - 1))).isTrue();

        long now = System.currentTimeMillis() * 1000;
        Incident incident = new Incident(Incident.SCHEMA_VERSION, "inc-api-1", 1, IncidentChange.OPENED, IncidentStatus.OPEN,
                new Actor("a1", List.of(new ActorAddress("203.0.113.9", ClientIpSource.PEER, 3)), List.of(), List.of(), false),
                List.of("PATH_TRAVERSAL"), Severity.MEDIUM, 0.8, Outcome.PROBE, Verdict.MONITOR, "dot-dot segments",
                now, now, 3, 1, List.of(new EndpointTouch(SERVICE, "e1", "GET", "/files/{name}", 3)), List.of(), List.of(), now);
        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(app.kafkaClientProperties(),
                new StringSerializer(), JsonSerde.of(Incident.class))) {
            producer.send(new ProducerRecord<>(Topics.INCIDENTS, incident.key(), incident)).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().anyMatch(h -> h.get("id").equals("msg_inc_inc-api-1_v1")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/v1/alert-destinations/" + id + "/deliveries").body())
                .contains("msg_inc_inc-api-1_v1").contains("DELIVERED"));
        assertThat(bodies).anySatisfy(b -> assertThat(b).contains("https://periscope.example.test/#/incidents/inc-api-1"));

        HttpResponse<String> rotated = post("/api/v1/alert-destinations/" + id + "/rotate-secret", Map.of());
        assertThat(TestApp.json(rotated).path("secret").asText()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(TestApp.json(get("/api/v1/alert-destinations/" + id)).path("signingSecrets").asInt()).isEqualTo(2);
        assertThat(get("/metrics").body()).contains("periscope_alerts_sent");

        assertThat(app.send(app.asAdmin("/api/v1/alert-destinations/" + id).DELETE()).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/alert-destinations/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void theMetadataAddressIsRefusedAndABadUrlIsA400() throws Exception {
        HttpResponse<String> created = post("/api/v1/alert-destinations", draft("http://169.254.169.254/latest/meta-data"));
        String id = TestApp.json(created).at("/destination/id").asText();
        JsonNode test = TestApp.json(post("/api/v1/alert-destinations/" + id + "/test", Map.of()));
        assertThat(test.path("result").asText()).isEqualTo("REFUSED");
        assertThat(test.path("error").asText()).contains("169.254.169.254");

        assertThat(post("/api/v1/alert-destinations", draft("ftp://hooks.example.com/")).statusCode()).isEqualTo(400);
        HttpResponse<String> replaced = app.send(app.asAdmin("/api/v1/alert-destinations/" + id)
                .header("Content-Type", "application/json").PUT(TestApp.jsonBody(Map.of("name", "x", "url", "https://hooks.example.com/",
                        "format", "SLACK", "enabled", false))));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(TestApp.json(replaced).path("enabled").asBoolean()).isFalse();
        assertThat(get("/api/v1/alert-dead-letters").statusCode()).isEqualTo(200);
        HttpRequest.Builder noToken = app.request("/api/v1/alert-destinations");
        assertThat(app.send(noToken).statusCode()).isEqualTo(401);
    }
}
