package io.periscope.server;

import static io.periscope.server.SurfaceChecks.assertErrorShape;
import static io.periscope.server.SurfaceChecks.assertSecurityHeaders;
import static io.periscope.server.SurfaceChecks.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP surface as an attacker and a confused client meet it, over real sockets: unknown routes, malformed
 * request targets, the headers of every answer, the error bodies of everything the framework rejects, and the
 * sign-in throttle behind a trusted proxy (127.0.0.2 plays the load balancer; 127.0.0.1 is a direct client).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSurfaceTest {
    private static final String PROXY = "127.0.0.2";

    @TempDir
    static Path dataDir;
    TestApp app;
    int port;
    String viewer;
    String operator;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> p = TestApp.properties(dataDir);
        p.put("periscope.http.trusted-proxies", PROXY + "/32");
        p.put("periscope.auth.sign-in.max-failures", 3);
        app = TestApp.start(p);
        port = app.uri("/").getPort();
        viewer = app.createToken("viewer", "viewer");
        operator = app.createToken("operator", "operator");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private RawHttp.Response send(String method, String target, String token) throws Exception {
        return RawHttp.send(port, method, target, bearer(token), null);
    }

    private RawHttp.Response send(String method, String target, String token, String contentType, String body) throws Exception {
        List<String> headers = new ArrayList<>(bearer(token));
        headers.add("Content-Type: " + contentType);
        return RawHttp.send(port, method, target, headers, body);
    }

    // ---- unknown routes ----

    @Test
    void anUnknownRouteIs404ForEveryRoleAndWithoutAToken() throws Exception {
        for (String token : Arrays.asList(null, viewer, operator, TestApp.ADMIN_TOKEN)) {
            String who = token == null ? "anonymous" : token.equals(viewer) ? "viewer" : token.equals(operator) ? "operator" : "admin";
            for (String method : List.of("GET", "POST", "DELETE", "PUT")) {
                for (String path : List.of("/nope", "/api/v1/nope", "/api/v2/endpoints", "/assets/nothing.js", "/health/nope")) {
                    RawHttp.Response r = send(method, path, token, "application/json", method.equals("GET") ? null : "{}");
                    assertThat(r.status()).as(who + " " + method + " " + path).isEqualTo(404);
                    assertErrorShape(r, who + " " + method + " " + path);
                }
            }
        }
    }

    @Test
    void aKnownPathWithAnotherMethodIs405WithTheAllowedMethods() throws Exception {
        RawHttp.Response r = send("PUT", "/api/v1/tokens", null, "application/json", "{}");
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isPresent();
        assertErrorShape(r, "PUT /api/v1/tokens");
        assertThat(r.body()).contains("allowed: GET, HEAD, POST").doesNotContain("URI [");
    }

    // ---- malformed request targets ----

    @Test
    void aRequestTargetWithRawAngleBracketsSpacesOrBadEscapesIs400() throws Exception {
        List<String> targets = List.of("/a<b", "/api/v1/endpoints?q=<script>alert(1)</script>", "/a b", "/api/v1/endpoints/%zz",
                "/api/v1/endpoints?q=%4", "/\u00c3\u00a9", "/a\"b", "/a{b}", "/a|b", "/a\\b", "/a^b", "/a`b", "/a#fragment", "*",
                "api/v1/overview", "ftp://x/api/v1/overview");
        for (String token : Arrays.asList(null, viewer)) {
            for (String target : targets) {
                RawHttp.Response r = send("GET", target, token);
                String what = (token == null ? "anonymous " : "viewer ") + target;
                assertThat(r.status()).as(what).isEqualTo(400);
                assertErrorShape(r, what);
                assertSecurityHeaders(r, what);
            }
        }
        RawHttp.Response options = send("OPTIONS", "*", null);
        assertThat(options.status()).as("OPTIONS *").isEqualTo(400);
    }

    @Test
    void theSameCharactersPercentEncodedAreServed() throws Exception {
        assertThat(send("GET", "/api/v1/endpoints?q=%3Cscript%3E%20x", viewer).status()).isEqualTo(200);
        assertThat(send("GET", "http://localhost/api/v1/overview", viewer).status()).isEqualTo(200);
        RawHttp.Response unknown = send("GET", "/api/v1/endpoints/%3Cb%3E", viewer);
        assertThat(unknown.status()).isEqualTo(404);
        assertErrorShape(unknown, "unknown endpoint id");
    }

    // ---- headers on every answer ----

    @Test
    void everyAnswerCarriesTheSecurityHeadersWhateverItsStatus() throws Exception {
        List<RawHttp.Response> answers = new ArrayList<>();
        answers.add(send("GET", "/api/v1/overview", viewer));                                        // 200 API
        answers.add(send("GET", "/login", null));                                                    // 200 page
        answers.add(send("GET", "/", null));                                                         // 303
        answers.add(send("GET", "/api/v1/overview", null));                                          // 401
        answers.add(send("GET", "/api/v1/session", "psc_unknown"));                                  // 401, token sent
        answers.add(send("GET", "/api/v1/tokens", viewer));                                          // 403
        answers.add(send("GET", "/nope", viewer));                                                   // 404
        answers.add(send("DELETE", "/api/v1/overview", viewer));                                     // 405
        answers.add(send("GET", "/api/v1/overview", viewer, "application/json", null));              // 200, odd header
        answers.add(send("POST", "/api/v1/tokens", TestApp.ADMIN_TOKEN, "text/plain", "x"));         // 415
        answers.add(send("POST", "/api/v1/tokens", TestApp.ADMIN_TOKEN, "application/json", "{x"));  // 400 JSON
        answers.add(send("GET", "/a<b", null));                                                      // 400 target
        answers.add(RawHttp.send(port, "GET", "/x", List.of("X-Bad: a\u0001b"), null));             // 400 header (no filter runs)
        answers.add(tooLarge());                                                                     // 413
        answers.add(send("GET", "/health", null));                                                   // 200 probe
        answers.add(send("HEAD", "/api/v1/overview", viewer));                                       // HEAD
        for (RawHttp.Response r : answers) {
            assertSecurityHeaders(r, r.status() + " " + r.body());
        }
        assertThat(answers).extracting(RawHttp.Response::status)
                .contains(200, 303, 400, 401, 403, 404, 405, 413, 415);
        assertThat(answers.get(3).header("WWW-Authenticate")).hasValue("Bearer realm=\"periscope\"");
        RawHttp.Response asset = send("GET", "/assets/js/app.js", null);
        assertSecurityHeaders(asset, "asset");
        assertThat(asset.header("Cache-Control")).isPresent().get().asString().doesNotContain("no-store");
    }

    private RawHttp.Response tooLarge() throws Exception {
        int limit = (int) app.context.getBean(io.micronaut.http.server.HttpServerConfiguration.class).getMaxRequestSize();
        return send("POST", "/api/v1/services/s%7Ch/spec-diff", viewer, "text/plain", "a".repeat(limit + 1));
    }

    // ---- error bodies ----

    @Test
    void whatTheFrameworkRejectsIsAnsweredInTheOneErrorShapeWithoutInternals() throws Exception {
        record Case(String what, RawHttp.Response answer, int status) {
        }
        String admin = TestApp.ADMIN_TOKEN;
        List<Case> cases = List.of(
                new Case("bad JSON", send("POST", "/api/v1/tokens", admin, "application/json", "{bad}"), 400),
                new Case("wrong JSON types", send("POST", "/api/v1/tokens", admin, "application/json", "{\"name\":[1],\"role\":{\"a\":1}}"), 400),
                new Case("array for an object", send("POST", "/api/v1/session", null, "application/json", "[]"), 400),
                new Case("JSON null body", send("POST", "/api/v1/session", null, "application/json", "null"), 400),
                new Case("no body", send("POST", "/api/v1/tokens", admin, "application/json", ""), 400),
                new Case("bad media type", send("POST", "/api/v1/tokens", admin, "text/plain", "hello"), 415),
                // Micronaut reads a body with an unparsable Content-Type as the route's type; the route then judges it.
                new Case("unparsable media type", send("POST", "/api/v1/tokens", admin, "%%%", "{}"), 400),
                new Case("wrong method", send("PATCH", "/api/v1/overview", viewer, "application/json", "{}"), 405),
                new Case("not acceptable", RawHttp.send(port, "GET", "/api/v1/session",
                        List.of("Authorization: Bearer " + viewer, "Accept: application/xml"), null), 406),
                new Case("too large", tooLarge(), 413),
                new Case("browser asking for HTML", RawHttp.send(port, "POST", "/api/v1/tokens",
                        List.of("Authorization: Bearer " + admin, "Content-Type: application/json",
                                "Accept: text/html,application/xhtml+xml,*/*;q=0.8"), "{bad"), 400),
                new Case("bad target", send("GET", "/%zz", null), 400),
                new Case("conversion of a number", send("GET", "/api/v1/endpoints?limit=abc", viewer), 400));
        for (Case c : cases) {
            assertThat(c.answer().status()).as(c.what() + ": " + c.answer().body()).isEqualTo(c.status());
            assertErrorShape(c.answer(), c.what());
        }
        assertThat(cases.get(0).answer().body()).contains("not valid JSON (line 1, column 2)");
        assertThat(cases.get(1).answer().body()).containsPattern("invalid request body: (name|role) must be a string");
        assertThat(cases.get(5).answer().body()).contains("this route accepts: application/json");
    }

    // ---- sign-in throttle behind a trusted proxy ----

    private RawHttp.Response signIn(String source, String token, String... forwardedFor) throws Exception {
        List<String> headers = new ArrayList<>(List.of("Content-Type: application/json"));
        for (String xff : forwardedFor) {
            headers.add("X-Forwarded-For: " + xff);
        }
        return RawHttp.send(source, port, "POST", "/api/v1/session", headers, "{\"token\":\"" + token + "\"}");
    }

    @Test
    void aTrustedProxysClientsEachHaveTheirOwnSignInBucket() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(PROXY, "psc_wrong", "203.0.113.10").status()).isEqualTo(401);
        }
        assertThat(signIn(PROXY, "psc_wrong", "203.0.113.10").status()).isEqualTo(429);
        // Another user behind the same load balancer is not locked out by the attacker's failures.
        assertThat(signIn(PROXY, viewer, "203.0.113.11").status()).isEqualTo(200);
    }

    @Test
    void aSpoofedLeftMostForwardedForDoesNotRotateTheThrottleKey() throws Exception {
        // The attacker writes any left-most entries; the trusted proxy appends the address it saw, which decides.
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(PROXY, "psc_wrong", "198.51.100." + i + ", 203.0.113.20").status()).isEqualTo(401);
        }
        assertThat(signIn(PROXY, viewer, "198.51.100.99, 203.0.113.20").status()).isEqualTo(429);
        assertThat(signIn(PROXY, viewer, "198.51.100.98", "203.0.113.20").status()).as("split over two header lines").isEqualTo(429);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(signIn(PROXY, "psc_wrong", "2001:db8:1:2::" + i).status()).isEqualTo(401);
        }
        assertThat(signIn(PROXY, viewer, "2001:db8:1:2:ffff::1").status()).isEqualTo(429);
        assertThat(signIn(PROXY, viewer, "2001:db8:1:3::1").status()).isEqualTo(200);
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() throws Exception {
        // 127.0.0.1 is not a trusted proxy: whatever it forwards, it is the client.
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("127.0.0.3", "psc_wrong", "198.51.100." + i).status()).isEqualTo(401);
        }
        RawHttp.Response blocked = signIn("127.0.0.3", viewer, "198.51.100.77");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isPresent();
        assertErrorShape(blocked, "429");
        assertSecurityHeaders(blocked, "429");
    }
}
