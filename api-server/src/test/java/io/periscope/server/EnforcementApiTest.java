package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The enforcement routes of a standalone server (every role, enforcement in its default dry-run mode). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnforcementApiTest {
    @TempDir
    static Path dataDir;
    TestApp app;
    String viewer;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        viewer = app.createToken("soc", "viewer");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return app.send(app.request(path).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAdminBlocksAndUnblocksWithAReasonAndEveryStepIsAudited() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/blocks",
                "{\"target\":\"203.0.113.7\",\"reason\":\"scanner\",\"ttl\":\"6h\"}", TestApp.ADMIN_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode block = TestApp.json(created);
        assertThat(block.path("target").asText()).isEqualTo("203.0.113.7/32");
        assertThat(block.path("state").asText()).isEqualTo("DRY_RUN");
        assertThat(block.path("createdBy").asText()).startsWith("admin:");

        JsonNode list = TestApp.json(call("GET", "/api/v1/blocks", null, viewer));
        assertThat(list.path("mode").asText()).isEqualTo("dry-run");
        assertThat(list.path("items").findValuesAsText("target")).contains("203.0.113.7/32");

        HttpResponse<String> unblocked = call("POST", "/api/v1/blocks/" + block.path("id").asText() + "/unblock",
                "{\"reason\":\"false positive\"}", TestApp.ADMIN_TOKEN);
        assertThat(TestApp.json(unblocked).path("state").asText()).isEqualTo("REMOVED");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestApp.json(call("GET",
                "/api/v1/enforcement/audit?target=" + URLEncoder.encode("203.0.113.7/32", StandardCharsets.UTF_8), null, viewer))
                .path("items").findValuesAsText("action"), actions -> actions.contains("BLOCK_DECIDED") && actions.contains("UNBLOCKED"));
    }

    @Test
    void safetyRulesRefuseAManualBlockWithTheRuleAndAViewerCannotBlock() throws Exception {
        HttpResponse<String> privateRange = call("POST", "/api/v1/blocks", "{\"target\":\"10.0.0.0/8\",\"reason\":\"x\"}",
                TestApp.ADMIN_TOKEN);
        assertThat(privateRange.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(privateRange).path("message").asText()).contains("TOO_WIDE");
        assertThat(TestApp.json(call("POST", "/api/v1/blocks", "{\"target\":\"0.0.0.0/0\",\"reason\":\"x\"}", TestApp.ADMIN_TOKEN))
                .path("message").asText()).contains("ZERO_PREFIX");
        assertThat(call("POST", "/api/v1/blocks", "{\"target\":\"203.0.113.9\",\"reason\":\"x\",\"ttl\":\"forever\"}",
                TestApp.ADMIN_TOKEN).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/blocks", "{\"target\":\"203.0.113.9\",\"reason\":\"x\"}", viewer).statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAllowlistedCidrCannotBeBlockedUntilItIsRemoved() throws Exception {
        assertThat(call("POST", "/api/v1/enforcement/allowlist", "{\"cidr\":\"198.51.100.0/24\",\"note\":\"partner\"}",
                TestApp.ADMIN_TOKEN).statusCode()).isEqualTo(201);
        assertThat(TestApp.json(call("GET", "/api/v1/enforcement/allowlist", null, viewer)).path("items")
                .findValuesAsText("cidr")).contains("198.51.100.0/24");
        HttpResponse<String> refused = call("POST", "/api/v1/blocks", "{\"target\":\"198.51.100.4\",\"reason\":\"x\"}",
                TestApp.ADMIN_TOKEN);
        assertThat(TestApp.json(refused).path("message").asText()).contains("ALLOWLISTED");
        assertThat(call("DELETE", "/api/v1/enforcement/allowlist?cidr=" + URLEncoder.encode("198.51.100.0/24", StandardCharsets.UTF_8),
                null, TestApp.ADMIN_TOKEN).statusCode()).isEqualTo(204);
        assertThat(call("POST", "/api/v1/blocks", "{\"target\":\"198.51.100.4\",\"reason\":\"x\"}", TestApp.ADMIN_TOKEN)
                .statusCode()).isEqualTo(201);
    }
}
