package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.broker.EmbeddedKafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two audiences of health: load balancers get UP or DOWN without a token, operators the details with one;
 * readiness (serve traffic?) and liveness (restart?) differ when Kafka goes away.
 */
class HealthProbeTest {
    @TempDir
    Path dir;

    @Test
    void theLoadBalancerProbesSayOnlyUpOrDownAndTheDetailsNeedAToken() throws Exception {
        try (TestApp app = TestApp.start(dir)) {
            HttpResponse<String> readiness = app.send(app.request("/health"));
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(TestApp.json(readiness)).isEqualTo(TestApp.JSON.readTree("{\"status\":\"UP\"}"));
            HttpResponse<String> liveness = app.send(app.request("/health/live"));
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(TestApp.json(liveness)).isEqualTo(TestApp.JSON.readTree("{\"status\":\"UP\"}"));

            assertThat(app.send(app.request("/api/v1/health")).statusCode()).isEqualTo(401);
            String viewer = app.createToken("ops", "viewer");
            JsonNode details = TestApp.json(app.send(app.request("/api/v1/health").header("Authorization", "Bearer " + viewer)));
            assertThat(details.path("status").asText()).isEqualTo("UP");
            assertThat(details.path("kafka").path("reachable").asBoolean()).isTrue();
            assertThat(details.path("roles").path("discovery").path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void withKafkaUnreachableTheProcessIsNotReadyButAlive() throws Exception {
        EmbeddedKafkaBroker cluster = EmbeddedKafkaBroker.start(dir.resolve("cluster"), "127.0.0.1", 0);
        Map<String, Object> p = TestApp.externalClusterProperties(dir.resolve("data"), cluster.logDir(),
                cluster.bootstrapServers());
        p.put("periscope.roles", "api");
        boolean clusterRunning = true;
        try (TestApp app = TestApp.start(p)) {
            cluster.close();
            clusterRunning = false;
            HttpResponse<String> readiness = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> app.send(app.request("/health")), r -> r.statusCode() == 503);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(TestApp.json(readiness)).isEqualTo(TestApp.JSON.readTree("{\"status\":\"DOWN\"}"));
            HttpResponse<String> liveness = app.send(app.request("/health/live"));
            assertThat(liveness.statusCode()).isEqualTo(200);

            // Tokens are cached in memory, so an operator can still read why.
            JsonNode details = app.health();
            assertThat(details.path("status").asText()).isEqualTo("NOT_READY");
            assertThat(details.path("ready").asBoolean()).isFalse();
            assertThat(details.path("live").asBoolean()).isTrue();
            assertThat(details.path("kafka").path("reachable").asBoolean()).isFalse();
        } finally {
            if (clusterRunning) {
                cluster.close();
            }
        }
    }
}
