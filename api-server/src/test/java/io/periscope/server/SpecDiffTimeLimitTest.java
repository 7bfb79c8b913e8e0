package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.EndpointSnapshot;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A diff that cannot finish within {@code periscope.api.spec-time-limit} answers 503 with Retry-After, not a hung request. */
class SpecDiffTimeLimitTest {
    @TempDir
    Path dataDir;

    @Test
    void aDiffPastTheTimeLimitIs503WithRetryAfter() throws Exception {
        Map<String, Object> properties = TestApp.properties(dataDir);
        properties.put("periscope.api.spec-time-limit", "1ms");
        try (TestApp app = TestApp.start(properties)) {
            String viewer = app.createToken("viewer", "viewer");
            EndpointSnapshot orders = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/orders", 10, 0,
                    NOW_MICROS - DAY_MICROS, List.of(), List.of());
            try (CatalogFixture fixture = new CatalogFixture(app)) {
                fixture.publish(List.of(orders), List.of());
                fixture.awaitView(1, 0);
            }
            // About 2 MB of paths: far more than a millisecond of parsing.
            StringBuilder doc = new StringBuilder("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n");
            for (int i = 0; i < 30_000; i++) {
                doc.append("  /api/r").append(i).append(": {get: {responses: {'200': {description: ok}}}}\n");
            }
            HttpResponse<String> response = app.send(app.request("/api/v1/services/"
                            + URLEncoder.encode("sess-1|shop.example.com", StandardCharsets.UTF_8) + "/spec-diff")
                    .header("Authorization", "Bearer " + viewer).header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(doc.toString())));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(TestApp.json(response).path("message").asText()).contains("time limit");
        }
    }
}
