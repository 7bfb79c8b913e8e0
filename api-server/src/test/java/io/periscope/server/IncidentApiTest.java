package io.periscope.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents through the whole standalone app: a brute-forcer's sign-ins published to periscope.exchanges become an
 * incident of the detection role, served by the incidents API; an admin dismisses it and trusts the actor, and the
 * next version detection publishes says so; a viewer can read but not decide.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentApiTest {
    static final String ATTACKER = "198.51.100.66";

    @TempDir
    static Path dataDir;
    TestApp app;
    String viewer;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        viewer = app.createToken("dashboards", "viewer");
        DetectionFixture.publishStuffingAttack(app, ATTACKER, "192.0.2.10");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void theBruteForcersIncidentIsListedFilteredAndShownWithItsTimelineAndABenignUserHasNone() throws Exception {
        JsonNode page = awaitIncidents("?status=open&actor=" + ATTACKER);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("actorId").asText()).isEqualTo("ip:" + ATTACKER);
        assertThat(item.path("addresses").get(0).asText()).isEqualTo(ATTACKER);
        assertThat(item.path("types").toString()).contains("CREDENTIAL_STUFFING");

        assertThat(get("/api/v1/incidents?actor=192.0.2.10").path("total").asInt()).isZero();
        assertThat(get("/api/v1/incidents?severity=critical&type=CREDENTIAL_STUFFING").path("total").asInt()).isZero();
        assertThat(app.send(app.asAdmin("/api/v1/incidents?severity=extreme")).statusCode()).isEqualTo(400);

        JsonNode incident = get("/api/v1/incidents/" + item.path("id").asText());
        assertThat(incident.path("timeline").size()).isPositive();
        assertThat(incident.path("evidence").size()).isPositive();
        assertThat(incident.path("verdictReason").asText()).isNotBlank();

        JsonNode actor = get("/api/v1/actors/ip:" + ATTACKER);
        assertThat(actor.path("incidents").size()).isEqualTo(1);
        assertThat(actor.path("addresses").get(0).path("ip").asText()).isEqualTo(ATTACKER);
        assertThat(app.send(app.asAdmin("/api/v1/incidents/inc-unknown")).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void aViewerCannotDismissAndAnAdminsDismissalComesBackAsTheNextVersion() throws Exception {
        String id = awaitIncidents("?actor=" + ATTACKER).path("items").get(0).path("id").asText();
        assertThat(app.send(app.request("/api/v1/incidents/" + id + "/dismiss").header("Authorization", "Bearer " + viewer)
                .header("Content-Type", "application/json").POST(TestApp.jsonBody(Map.of()))).statusCode()).isEqualTo(403);

        var accepted = app.send(app.asAdmin("/api/v1/incidents/" + id + "/dismiss").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("reason", "our own pen test"))));
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(TestApp.json(accepted).path("actorId").asText()).isEqualTo("ip:" + ATTACKER);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/v1/incidents/" + id).path("status").asText(), "DISMISSED"::equals);
        assertThat(get("/api/v1/incidents/" + id).path("verdict").asText()).isEqualTo("BENIGN");

        assertThat(app.send(app.asAdmin("/api/v1/actors/ip:" + ATTACKER + "/trust").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("reason", "scanner")))).statusCode()).isEqualTo(202);
        JsonNode actor = get("/api/v1/actors/ip:" + ATTACKER);
        assertThat(actor.path("trusted").asBoolean()).isTrue();
        assertThat(actor.path("trustedBy").asText()).isNotBlank();
    }

    @Test
    @Order(3)
    void theSignInEndpointListsTheIncidentThatTouchedItAndTheIncidentLinksBackToTheCatalogEndpoint() throws Exception {
        String endpointId = awaitSignInEndpoint(app);
        String incidentId = awaitIncidents("?actor=" + ATTACKER).path("items").get(0).path("id").asText();

        JsonNode touching = get("/api/v1/incidents?endpoint=" + endpointId);
        assertThat(touching.path("total").asInt()).isEqualTo(1);
        assertThat(touching.path("items").get(0).path("id").asText()).isEqualTo(incidentId);

        JsonNode touch = get("/api/v1/incidents/" + incidentId).path("endpoints").get(0);
        assertThat(touch.path("method").asText()).isEqualTo("POST");
        assertThat(touch.path("path").asText()).isEqualTo("/api/login");
        assertThat(touch.path("endpointId").asText()).isEqualTo(endpointId);
        assertThat(get("/api/v1/endpoints/" + touch.path("endpointId").asText()).path("pathTemplate").asText()).isEqualTo("/api/login");

        assertThat(app.send(app.asAdmin("/api/v1/incidents?endpoint=0123456789abcdef0123456789abcdef")).statusCode()).isEqualTo(404);
        assertThat(app.send(app.asAdmin("/api/v1/incidents?endpoint=%3Cscript%3E")).statusCode()).isEqualTo(400);
        assertThat(app.send(app.asAdmin("/api/v1/incidents?endpoint=" + "a".repeat(65))).statusCode()).isEqualTo(400);
    }

    /** The catalog id of POST /api/login, once discovery has cataloged the sign-ins of the fixture. */
    static String awaitSignInEndpoint(TestApp app) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/endpoints?method=post&q=/api/login"))).path("items"),
                        items -> items.size() == 1).get(0).path("endpointId").asText();
    }

    private JsonNode awaitIncidents(String query) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/v1/incidents" + query), p -> p.path("total").asInt() > 0
                        && p.path("items").get(0).path("types").toString().contains("CREDENTIAL_STUFFING"));
    }

    private JsonNode get(String path) throws Exception {
        return TestApp.json(app.send(app.asAdmin(path)));
    }
}
