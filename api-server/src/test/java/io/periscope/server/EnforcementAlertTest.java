package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.ActorAddress;
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
 * From the enforcement role to a webhook receiver through the real wiring of a standalone Periscope: the enforcement
 * role (dry-run, a cap of one automatic block per hour) turns the second attacker away, raises a finding on
 * {@code periscope.enforcement-findings}, and the alerting role sends one signed {@code enforcement.cap_reached} alert
 * to the destination that selects it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnforcementAlertTest {
    @TempDir
    static Path dataDir;
    TestApp app;
    HttpServer receiver;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            received.add(Map.of("id", ex.getRequestHeaders().getFirst("webhook-id"),
                    "ts", ex.getRequestHeaders().getFirst("webhook-timestamp"),
                    "sig", ex.getRequestHeaders().getFirst("webhook-signature"),
                    "body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        Map<String, Object> p = TestApp.properties(dataDir);
        p.put("periscope.alerts.allow-http", true);
        p.put("periscope.alerts.allowed-cidrs", "127.0.0.0/8");
        p.put("periscope.enforcement.max-new-per-hour", 1);
        app = TestApp.start(p);
    }

    @AfterAll
    void stop() {
        app.close();
        receiver.stop(0);
    }

    private static boolean verifies(String secret, Map<String, String> h) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
        byte[] expected = mac.doFinal((h.get("id") + "." + h.get("ts") + "." + h.get("body")).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(Base64.getDecoder().decode(h.get("sig").split(" ")[0].substring(3)), expected);
    }

    private static Incident attack(String id, String ip) {
        long now = System.currentTimeMillis() * 1000;
        return new Incident(Incident.SCHEMA_VERSION, id, 1, IncidentChange.OPENED, IncidentStatus.OPEN,
                new Actor("actor-" + id, List.of(new ActorAddress(ip, ClientIpSource.PEER, 30)), List.of(), List.of(), false),
                List.of("SQL_INJECTION"), Severity.HIGH, 0.95, Outcome.LIKELY_SUCCESS, Verdict.BLOCK,
                "database error on union select", now - 1000, now, 30, 5, List.of(), List.of(), List.of(), now);
    }

    @Test
    void aCapThatStopsAutoBlockingReachesTheReceiverAsOneSignedAlert() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        HttpResponse<String> created = app.send(app.asAdmin("/api/v1/alert-destinations")
                .header("Content-Type", "application/json").POST(TestApp.jsonBody(Map.of("name", "soc", "url", url,
                        "format", "PERISCOPE_JSON", "events", Map.of("incidents", List.of(),
                                "enforcement", List.of("CAP_REACHED"))))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = TestApp.json(created).path("secret").asText();

        try (KafkaProducer<String, Incident> producer = new KafkaProducer<>(app.kafkaClientProperties(),
                new StringSerializer(), JsonSerde.of(Incident.class))) {
            for (Incident i : List.of(attack("inc-cap-1", "203.0.113.41"), attack("inc-cap-2", "203.0.113.42"),
                    attack("inc-cap-3", "203.0.113.43"))) {
                producer.send(new ProducerRecord<>(Topics.INCIDENTS, i.key(), i)).get();
            }
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> !received.isEmpty());
        Thread.sleep(2000); // the third incident is capped too: still one alert for the episode
        assertThat(received).hasSize(1);
        Map<String, String> alert = received.get(0);
        assertThat(alert.get("id")).startsWith("msg_enf_cap-per-hour-");
        assertThat(verifies(secret, alert)).as("signature verifies").isTrue();
        JsonNode body = new ObjectMapper().readTree(alert.get("body"));
        assertThat(body.path("type").asText()).isEqualTo("enforcement.cap_reached");
        assertThat(body.at("/enforcement/detail").asText()).contains("cap of 1 automatic blocks per hour reached");
        assertThat(body.at("/enforcement/incidentId").asText()).isIn("inc-cap-2", "inc-cap-3");
    }
}
