package io.periscope.server;

import static io.periscope.server.SurfaceChecks.assertNoInternals;
import static io.periscope.server.SurfaceChecks.assertSecurityHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random requests against the running server: paths built from real route fragments and hostile pieces,
 * every method, odd headers and bodies, with and without a token. Whatever arrives, the server never answers
 * 5xx, never shows a class name or stack trace, and always sends the security headers. The seed is printed
 * and can be set with {@code -Dperiscope.fuzz.seed=...}; {@code -Dperiscope.fuzz.requests=...} runs longer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSurfaceFuzzTest {
    private static final String[] SEGMENTS = {"api", "v1", "v2", "endpoints", "services", "rules", "tokens", "session", "health",
        "live", "changes", "overview", "pipeline", "openapi.yaml", "openapi", "spec-diff", "assets", "js", "app.js", "login", "metrics",
        "sess%7Chost", "x", "%2e%2e", "..", ".", "%00", "%2F", "%zz", "<script>", "a b", "\u00e9", "%C3%A9", "{id}", "'\"", "|", "\\",
        "~", "%", "a%", "9999999999999999999", "-1", ";jsessionid=1", "*", "//", "?", "#"};
    private static final String[] QUERIES = {"", "?limit=0", "?limit=-1", "?limit=abc", "?offset=2147483648", "?offset=99999999999999999999",
        "?sort=nope", "?order=x", "?newSince=yesterday", "?q=%3Cb%3E", "?q=<b>", "?method=G%20T", "?unauthenticated=maybe",
        "?service=", "?limit=1&limit=2", "?&&&", "?=x", "?a=%", "?finding=%00", "?sensitive=../../"};
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO",
        "get", "PROPFIND"};
    private static final String[] HEADERS = {"Content-Type: application/json", "Content-Type: text/plain", "Content-Type: %%%",
        "Content-Type: application/json; charset=utf-9", "Content-Type: multipart/form-data; boundary=x", "Accept: text/html",
        "Accept: application/xml", "Accept: */*", "Accept: ;;;", "X-Forwarded-For: <script>", "X-Forwarded-For: 1.2.3.4, ::1, junk",
        "Forwarded: for=\"[::1]\";proto=https", "X-CSRF-Token: x", "Cookie: periscope_session=x", "Cookie: ;;==;",
        "Authorization: Bearer", "Authorization: Basic Zm9vOmJhcg==", "Authorization: Bearer psc_" + "A".repeat(300),
        "Content-Encoding: gzip", "Transfer-Encoding: gzip", "Range: bytes=0-0", "If-None-Match: *", "Expect: 100-continue",
        "Accept-Encoding: br, gzip"};
    private static final String[] BODIES = {null, "", "{}", "[]", "null", "{bad", "{\"token\":1}", "{\"name\":\"x\",\"role\":\"root\"}",
        "{\"action\":\"merge\",\"pattern\":\"/a/{b}\"}", "openapi: 3.0.0\npaths: {}", "\u0000\u0001\u0002", "a".repeat(70_000),
        "{\"a\":".repeat(2_000)};

    @TempDir
    static Path dataDir;
    TestApp app;
    int port;
    String[] tokens;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        port = app.uri("/").getPort();
        tokens = new String[] {null, app.createToken("v", "viewer"), app.createToken("o", "operator"), TestApp.ADMIN_TOKEN};
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void randomRequestsNeverGetA5xxAStackTraceOrAnAnswerWithoutTheSecurityHeaders() throws Exception {
        long seed = Long.getLong("periscope.fuzz.seed", System.nanoTime());
        int requests = Integer.getInteger("periscope.fuzz.requests", 400);
        System.out.println("HttpSurfaceFuzzTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < requests; i++) {
            String method = pick(random, METHODS);
            String target = target(random);
            List<String> headers = new ArrayList<>();
            String token = pick(random, tokens);
            if (token != null) {
                headers.add("Authorization: Bearer " + token);
            }
            for (int h = random.nextInt(4); h > 0; h--) {
                headers.add(pick(random, HEADERS));
            }
            String body = pick(random, BODIES);
            String what = "seed " + seed + " #" + i + ": " + method + " " + target + " " + headers + " body "
                    + (body == null ? "none" : body.length() + " chars");
            RawHttp.Response r = RawHttp.send(port, method, target, headers, body);
            assertThat(r.status()).as(what).isBetween(200, 499);
            assertSecurityHeaders(r, what);
            if (r.status() >= 300) {
                assertNoInternals(r.body(), what);
            }
        }
        // The server is still fine afterwards.
        assertThat(app.send(app.request("/health")).statusCode()).isEqualTo(200);
    }

    private static String target(Random random) {
        StringBuilder path = new StringBuilder();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            path.append('/').append(pick(random, SEGMENTS));
        }
        if (random.nextInt(10) == 0) {
            path.append('/');
        }
        return path + pick(random, QUERIES);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
