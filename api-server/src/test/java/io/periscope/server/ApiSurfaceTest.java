package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a whole: the served document lists exactly the routes the server has, every API route needs
 * authentication, roles gate every change, and the UI documents carry a policy that forbids inline script.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSurfaceTest {
    @TempDir
    static Path dataDir;
    TestApp app;
    String viewer;
    String operator;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        viewer = app.createToken("viewer", "viewer");
        operator = app.createToken("operator", "operator");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    /** "GET /api/v1/endpoints/{id}" for every API route the router knows (HEAD mirrors each GET implicitly). */
    private Set<String> routerRoutes() {
        return app.context.getBean(Router.class).uriRoutes()
                .filter(r -> !r.getHttpMethodName().equals("HEAD"))
                .map(r -> r.getHttpMethodName() + " " + template(r))
                .filter(r -> r.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String template(UriRouteInfo<?, ?> route) {
        // Micronaut templates may carry query or regex parts ({id:.*}); keep the path and the variable names.
        String t = route.getUriMatchTemplate().toPathString();
        return t.replaceAll("\\{([A-Za-z0-9_]+)[^}]*}", "{$1}");
    }

    private OpenAPI document() throws Exception {
        String yaml = app.send(app.request("/api/v1/openapi.yaml").header("Authorization", "Bearer " + viewer)).body();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, null);
        assertThat(parsed.getMessages()).as("swagger-parser validation").isEmpty();
        return parsed.getOpenAPI();
    }

    private static Set<String> documentRoutes(OpenAPI doc) {
        Set<String> out = new TreeSet<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> out.add(method.name() + " " + path)));
        return out;
    }

    @Test
    void theDocumentListsExactlyTheRoutesOfTheServer() throws Exception {
        Set<String> routes = routerRoutes();
        assertThat(routes).contains("GET /api/v1/endpoints", "DELETE /api/v1/services/{service}/rules/{ruleId}");
        assertThat(documentRoutes(document())).isEqualTo(routes);
    }

    private HttpRequest.Builder call(String route, String token) {
        String[] parts = route.split(" ", 2);
        String path = parts[1].replace("{service}", "sess%7Chost").replaceAll("\\{[^}]+}", "x");
        // A type each route accepts: a request that matches no route is a 404/405/415 for everyone, before authentication.
        String type = route.endsWith("/spec-diff") ? "text/plain" : "application/json";
        HttpRequest.Builder b = app.request(path).header("Content-Type", type);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher body = parts[0].equals("POST") || parts[0].equals("PUT")
                ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody();
        return b.method(parts[0], body);
    }

    @Test
    void everyApiRouteButSignInNeedsATokenAndAnswers401Json() throws Exception {
        for (String route : routerRoutes()) {
            if (route.equals("POST /api/v1/session")) {
                continue;
            }
            HttpResponse<String> response = app.send(call(route, null));
            assertThat(response.statusCode()).as(route).isEqualTo(401);
            assertThat(TestApp.json(response).path("message").asText()).as(route).contains("authentication required");
        }
    }

    @Test
    void aViewerCannotChangeAnything() throws Exception {
        for (String route : routerRoutes()) {
            if (route.startsWith("GET ") || route.equals("POST /api/v1/session") || route.equals("DELETE /api/v1/session")
                    || route.endsWith("/spec-diff")) {
                continue; // reading, signing in or out, and the read-only diff
            }
            assertThat(app.send(call(route, viewer)).statusCode()).as(route).isEqualTo(403);
        }
    }

    @Test
    void anOperatorCanChangeRulesButNotTokens() throws Exception {
        assertThat(app.send(call("GET /api/v1/tokens", operator)).statusCode()).isEqualTo(403);
        assertThat(app.send(call("POST /api/v1/tokens", operator)).statusCode()).isEqualTo(403);
        assertThat(app.send(call("DELETE /api/v1/tokens/{id}", operator)).statusCode()).isEqualTo(403);
        // Past the role check: the route itself answers (400 for the empty rule, 404 for the unknown one).
        assertThat(app.send(call("POST /api/v1/services/{service}/rules", operator)).statusCode()).isEqualTo(400);
        assertThat(app.send(call("DELETE /api/v1/services/{service}/rules/{ruleId}", operator)).statusCode()).isEqualTo(404);
    }

    @Test
    void aSessionChangeWithoutTheCsrfHeaderIsRefused() throws Exception {
        HttpResponse<String> signIn = app.send(app.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(java.util.Map.of("token", operator))));
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = TestApp.json(signIn).path("csrfToken").asText();
        HttpRequest.Builder add = app.request("/api/v1/services/sess%7Chost/rules").header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"merge\",\"pattern\":\"/a/{b}\"}"));
        assertThat(app.send(add).statusCode()).isEqualTo(403);
        assertThat(app.send(add.header("X-CSRF-Token", csrf)).statusCode()).isEqualTo(201);
    }

    @Test
    void theUiDocumentsAreServedWithAPolicyForbiddingInlineScript() throws Exception {
        HttpResponse<String> login = app.send(app.request("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<form id=\"sign-in\"");
        String csp = login.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(app.send(app.request("/")).statusCode()).isEqualTo(303);
        HttpResponse<String> shell = app.send(app.request("/").header("Authorization", "Bearer " + viewer));
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(shell.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void assetsArePublicWithScriptTypesTheBrowserAcceptsAsModules() throws Exception {
        HttpResponse<String> js = app.send(app.request("/assets/js/app.js"));
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElse("")).matches("(application|text)/javascript.*");
        assertThat(app.send(app.request("/assets/css/app.css")).headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
        assertThat(app.send(app.request("/assets/js/nothing.js")).statusCode()).isEqualTo(404);
    }

    private static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);

    @Test
    void noUiFileHasInlineScriptsHandlersOrHtmlInjection() throws IOException {
        Path ui = Path.of("src/main/resources/ui");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ui)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".html")) {
                assertThat(INLINE_HANDLER.matcher(text).find()).as(f + " inline handler").isFalse();
                assertThat(INLINE_SCRIPT.matcher(text).find()).as(f + " inline script").isFalse();
                assertThat(text).as(f + " inline style").doesNotContain(" style=").doesNotContain("<style");
            }
            if (name.endsWith(".js")) {
                assertThat(text).as(f + " HTML parsing").doesNotContain("innerHTML").doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write").doesNotContain("eval(");
            }
        }
    }

    @Test
    void theDocumentResourceIsTheOneServed() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/io/periscope/server/api/openapi.yaml")) {
            String served = app.send(app.request("/api/v1/openapi.yaml").header("Authorization", "Bearer " + viewer)).body();
            assertThat(served).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
