package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.periscope.events.catalog.EndpointSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec uploads as an attacker with a viewer token would send them, through the REST API of a running app: every
 * place OpenAPI 2, 3.0 and 3.1 allow a reference or a URL points at a real HTTP server on loopback that counts
 * requests, and none may arrive; a billion-laughs document is rejected at once while {@code /health} answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpecImportAttackTest {
    static final String SERVICE = "sess-1|shop.example.com";
    static final String BILLION_LAUGHS = """
            openapi: 3.0.0
            info: {title: l, version: "1"}
            x-laughs:
              a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
              b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
              c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
              d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
              e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
              f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
              g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
              h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
              i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            """;
    /** What the origin answers: a YAML object that would pass as a schema, parameter, response or path item. */
    static final byte[] FETCHED = """
            {type: object, name: fetched, in: query, description: fetched, schema: {type: string},
             get: {responses: {"200": {description: fetched}}}}
            """.getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dataDir;
    TestApp app;
    String viewer;
    HttpServer origin;
    final ConcurrentLinkedQueue<String> fetched = new ConcurrentLinkedQueue<>();
    String base;

    @BeforeAll
    void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/", exchange -> {
            fetched.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getResponseHeaders().add("Content-Type", "application/yaml");
            exchange.sendResponseHeaders(200, FETCHED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FETCHED);
            }
        });
        origin.start();
        base = "http://127.0.0.1:" + origin.getAddress().getPort();
        app = TestApp.start(dataDir);
        viewer = app.createToken("attacker", "viewer");
        EndpointSnapshot orders = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/orders", 10, 0,
                NOW_MICROS - DAY_MICROS, List.of(), List.of());
        try (CatalogFixture fixture = new CatalogFixture(app)) {
            fixture.publish(List.of(orders), List.of());
            fixture.awaitView(1, 0);
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (origin != null) {
            origin.stop(0);
        }
    }

    private HttpRequest.Builder upload(String contentType, byte[] body) {
        return app.request("/api/v1/services/" + URLEncoder.encode(SERVICE, StandardCharsets.UTF_8) + "/spec-diff")
                .header("Authorization", "Bearer " + viewer).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static final String ATTACK_TYPE = "application/octet-stream";
    private static final String INFO = "info: {title: t, version: '1'}\n";
    private static final String OK = "responses: {'200': {description: ok}}";

    /** One document per place a reference or URL may appear; {@code URL} is replaced by the origin's address. */
    static Stream<Arguments> everyPlaceAReferenceOrUrlMayAppear() {
        String v30 = "openapi: 3.0.3\n" + INFO;
        String v31 = "openapi: 3.1.0\n" + INFO;
        String sw2 = "swagger: '2.0'\n" + INFO;
        return Stream.of(
                Arguments.of("3.0 schema $ref", v30 + "paths: {/a: {get: {responses: {'200': {description: ok, content: "
                        + "{application/json: {schema: {$ref: 'URL/schema.yaml'}}}}}}}}\n"),
                Arguments.of("3.0 nested schema $ref in properties, items, allOf", v30 + "paths: {/a: {get: {" + OK + "}}}\n"
                        + "components: {schemas: {A: {type: object, properties: {p: {$ref: 'URL/p.yaml#/x'}},"
                        + " allOf: [{$ref: 'URL/all.yaml'}]}, B: {type: array, items: {$ref: 'URL/items.yaml'}}}}\n"),
                Arguments.of("3.0 parameter $ref", v30 + "paths: {/a: {get: {parameters: [{$ref: 'URL/param.yaml'}], " + OK + "}}}\n"),
                Arguments.of("3.0 response $ref", v30 + "paths: {/a: {get: {responses: {'200': {$ref: 'URL/response.yaml'}}}}}\n"),
                Arguments.of("3.0 requestBody $ref", v30 + "paths: {/a: {post: {requestBody: {$ref: 'URL/body.yaml'}, " + OK + "}}}\n"),
                Arguments.of("3.0 path item $ref", v30 + "paths: {/a: {$ref: 'URL/pathitem.yaml'}, /b: {get: {" + OK + "}}}\n"),
                Arguments.of("3.0 callback $ref and callback path item $ref", v30 + "paths: {/a: {post: {" + OK + ", callbacks: "
                        + "{cb: {$ref: 'URL/callback.yaml'}, cb2: {'{$request.body#/url}': {$ref: 'URL/cbpath.yaml'}}}}}}\n"),
                Arguments.of("3.0 link $ref and operationRef", v30 + "paths: {/a: {get: {responses: {'200': {description: ok, links: "
                        + "{l: {$ref: 'URL/link.yaml'}, m: {operationRef: 'URL/op.yaml#/paths/~1a/get'}}}}}}}\n"),
                Arguments.of("3.0 header, example and securityScheme $refs", v30 + "paths: {/a: {get: {responses: {'200': "
                        + "{description: ok, headers: {X-H: {$ref: 'URL/header.yaml'}}, content: {application/json: "
                        + "{examples: {e: {$ref: 'URL/example.yaml'}}}}}}}}}\n"
                        + "components: {securitySchemes: {s: {$ref: 'URL/scheme.yaml'}}}\n"),
                Arguments.of("3.0 discriminator mapping", v30 + "paths: {/a: {get: {responses: {'200': {description: ok, content: "
                        + "{application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}}}}\n"
                        + "components: {schemas: {Pet: {type: object, oneOf: [{$ref: '#/components/schemas/Cat'}], "
                        + "discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: 'URL/dog.yaml', "
                        + "bird: 'URL/bird.yaml#/Bird'}}}, Cat: {type: object, properties: {kind: {type: string}}}}}\n"),
                Arguments.of("3.0 example externalValue", v30 + "paths: {/a: {get: {responses: {'200': {description: ok, content: "
                        + "{application/json: {examples: {e: {externalValue: 'URL/example.json'}}}}}}}}}\n"),
                Arguments.of("3.0 externalDocs, server, license and contact URLs", v30.replace(INFO,
                        "info: {title: t, version: '1', license: {name: l, url: 'URL/license'}, contact: {url: 'URL/contact'},"
                        + " termsOfService: 'URL/tos'}\n") + "externalDocs: {url: 'URL/docs'}\nservers: [{url: 'URL/api'}]\n"
                        + "paths: {/a: {get: {externalDocs: {url: 'URL/opdocs'}, " + OK + "}}}\n"
                        + "components: {securitySchemes: {o: {type: oauth2, flows: {implicit: {authorizationUrl: 'URL/auth', scopes: {}}}},"
                        + " oidc: {type: openIdConnect, openIdConnectUrl: 'URL/.well-known/openid-configuration'}}}\n"),
                Arguments.of("3.1 jsonSchemaDialect, $schema and $id with a relative $ref", v31
                        + "jsonSchemaDialect: 'URL/dialect'\n"
                        + "paths: {/a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: "
                        + "{$schema: 'URL/meta', $id: 'URL/schemas/root.json', $ref: 'relative.json'}}}}}}}}\n"),
                Arguments.of("3.1 $dynamicRef, $anchor and a schema $ref with siblings", v31
                        + "paths: {/a: {get: {responses: {'200': {description: ok, content: {application/json: {schema: "
                        + "{$ref: 'URL/sibling.json', description: d, $dynamicRef: 'URL/dyn.json#meta'}}}}}}}}\n"),
                Arguments.of("3.1 webhook and components.pathItems $refs", v31 + "paths: {/a: {get: {" + OK + "}}}\n"
                        + "webhooks: {w: {$ref: 'URL/webhook.yaml'}}\ncomponents: {pathItems: {P: {$ref: 'URL/pathitems.yaml'}}}\n"),
                Arguments.of("3.1 discriminator mapping", v31 + "paths: {/a: {get: {responses: {'200': {description: ok, content: "
                        + "{application/json: {schema: {oneOf: [{$ref: '#/components/schemas/Cat'}], discriminator: {propertyName: kind,"
                        + " mapping: {dog: 'URL/dog31.yaml'}}}}}}}}}}\ncomponents: {schemas: {Cat: {type: object}}}\n"),
                Arguments.of("Swagger 2 schema, parameter, response and path $refs", sw2
                        + "paths:\n  /a: {$ref: 'URL/sw2path.yaml'}\n  /b:\n    get:\n      parameters: [{$ref: 'URL/sw2param.yaml'}]\n"
                        + "      responses: {'200': {$ref: 'URL/sw2response.yaml'}, '201': {description: ok, schema: {$ref: 'URL/sw2schema.yaml'}}}\n"
                        + "definitions: {D: {$ref: 'URL/sw2definition.yaml'}}\n"),
                Arguments.of("Swagger 2 externalDocs and discriminator", sw2 + "externalDocs: {url: 'URL/sw2docs'}\n"
                        + "paths: {/a: {get: {" + OK + "}}}\n"
                        + "definitions: {Pet: {type: object, discriminator: 'URL/sw2disc', properties: {x: {$ref: 'URL/sw2prop.yaml'}}}}\n"),
                Arguments.of("JSON document with a schema $ref", "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},"
                        + " \"paths\": {\"/a\": {\"get\": {\"responses\": {\"200\": {\"$ref\": \"URL/json-response.json\"}}}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyPlaceAReferenceOrUrlMayAppear")
    void noReferenceOrUrlInAnUploadedSpecIsEverFetched(String place, String template) throws Exception {
        fetched.clear(); // each place is judged on its own requests
        String document = template.replace("URL", base);
        // The media type the old server accepted, so this test shows the fetch itself on the old code.
        HttpResponse<String> response = app.send(upload(ATTACK_TYPE, document.getBytes(StandardCharsets.UTF_8)));

        assertThat(fetched).as("requests the server made for " + place).isEmpty();
        assertThat(response.statusCode()).as(response.body()).isIn(200, 422);
        assertThat(response.body()).doesNotContain(base).doesNotContainIgnoringCase("unable to load")
                .doesNotContainIgnoringCase("connection").doesNotContainIgnoringCase("fetch").doesNotContain("Exception");
    }

    @Test
    void anExternalRefIsListedAsUnfollowedInTheDiff() throws Exception {
        fetched.clear();
        String document = "openapi: 3.0.3\n" + INFO + "paths: {/api/orders: {get: {responses: {'200': {$ref: '" + base + "/r.yaml'}}}}}\n";
        HttpResponse<String> response = app.send(upload(ATTACK_TYPE, document.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestApp.json(response).path("unfollowedReferences").get(0).asText())
                .isEqualTo("/paths/~1api~1orders/get/responses/200/$ref");
        assertThat(fetched).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/yaml", "application/x-yaml", "text/yaml", "application/json", "text/plain",
            "application/octet-stream", "application/yaml; charset=utf-8"})
    void aSpecIsAcceptedUnderEveryDocumentedMediaType(String type) throws Exception {
        String document = type.contains("json") ? "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},"
                + " \"paths\": {\"/api/orders\": {\"get\": {\"responses\": {\"200\": {\"description\": \"ok\"}}}}}}"
                : "openapi: 3.0.3\n" + INFO + "paths: {/api/orders: {get: {" + OK + "}}}\n";
        HttpResponse<String> response = app.send(upload(type, document.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(TestApp.json(response).path("neverSeen")).isEmpty();
    }

    @Test
    void theBillionLaughsIsRejectedQuicklyWith422NamingTheBound() throws Exception {
        assertThat(BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8)).hasSize(416);
        long start = System.nanoTime();
        HttpResponse<String> response = app.send(upload(ATTACK_TYPE, BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(response).path("message").asText()).contains("more than 20 YAML aliases");
    }

    @Test
    void fourBillionLaughsAtOnceLeaveHealthAnswering() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> attacks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attacks.add(app.http.sendAsync(upload(ATTACK_TYPE, BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(attacks.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int polls = 0;
        do {
            long start = System.nanoTime();
            // /health itself may wait up to 2 s for Kafka; before the fix it did not answer within 60 s.
            HttpResponse<String> health = app.send(app.request("/health").timeout(Duration.ofSeconds(10)));
            assertThat(health.statusCode()).isIn(200, 503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            polls++;
        } while (!all.isDone() && System.nanoTime() < deadline);
        assertThat(all).as("the four uploads were answered").isDone();
        assertThat(polls).isPositive();
        for (CompletableFuture<HttpResponse<String>> a : attacks) {
            assertThat(a.get().statusCode()).isEqualTo(422);
        }
    }

    @Test
    void aBrokenDocumentIs422WithAFixedMessage() throws Exception {
        HttpResponse<String> response = app.send(upload("application/yaml", "openapi: 3.0.3\npaths: [oops".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(response).path("message").asText()).startsWith("the document is not valid YAML at line");
    }

    @Test
    void aDeeplyNestedDocumentIs422NamingTheDepthBound() throws Exception {
        String json = "{\"openapi\": \"3.0.0\", \"x-deep\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        HttpResponse<String> response = app.send(upload("application/json", json.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(response).path("message").asText()).contains("deeper than 100 levels");
    }

    @Test
    void aDocumentOverTheLimitIs413() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> response = app.send(upload("application/yaml", big));
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aDocumentThatIsNotUtf8Is422() throws Exception {
        HttpResponse<String> response = app.send(upload("application/yaml", new byte[] {'o', 'p', (byte) 0xC3, (byte) 0x28}));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestApp.json(response).path("message").asText()).isEqualTo("the document is not UTF-8 text");
    }
}
