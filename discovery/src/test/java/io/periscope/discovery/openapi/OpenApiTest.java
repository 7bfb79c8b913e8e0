package io.periscope.discovery.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.CatalogEngine;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.testing.ExchangeBuilder;
import io.periscope.discovery.testing.RecordingOutput;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.http.JwtInfo;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private static final String SERVICE = "prod|shop.example.test";
    private List<EndpointSnapshot> observed;

    @BeforeEach
    void observeTraffic() {
        CatalogEngine engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()), InstantSource.system());
        RecordingOutput out = new RecordingOutput();
        JwtInfo jwt = new JwtInfo("RS256", null, null, null, "1", List.of(), 1_900_000_000L, null, null);
        for (int i = 1; i <= 3; i++) {
            engine.accept(ExchangeBuilder.request("GET", "/api/products/" + i + "?lang=en").host("shop.example.test")
                    .responseHeader("X-RateLimit-Remaining", Integer.toString(100 - i)).responseHeader("Date", "Mon, 01 Jan 2024 00:00:00 GMT")
                    .respondJson("{\"id\":" + i + ",\"name\":\"Lamp\",\"price\":12.5,\"tags\":[\"home\"],\"internalCost\":3}").build(), out);
            engine.accept(ExchangeBuilder.request("DELETE", "/api/products/" + i).host("shop.example.test").bearer("Bearer", jwt)
                    .status(204).build(), out);
        }
        engine.accept(ExchangeBuilder.request("GET", "/api/products/99").host("shop.example.test").status(404)
                .respondJson("{\"error\":\"not found\"}").build(), out);
        engine.accept(ExchangeBuilder.request("POST", "/api/orders").host("shop.example.test").bearer("Bearer", jwt)
                .jsonBody("{\"productId\":1,\"quantity\":2,\"shipping\":{\"city\":\"Springfield\"}}").status(201)
                .respondJson("{\"orderId\":\"3f2b9c3e-8a1d-4e59-9f0c-2d7c4b1a9e77\",\"createdAt\":\"2024-03-01T10:00:00Z\"}").build(), out);
        engine.accept(ExchangeBuilder.request("GET", "/api/legacy/export").host("shop.example.test").respond("text/csv", "a,b\n1,2").build(), out);
        engine.accept(ExchangeBuilder.request("GET", "/api/admin/debug").host("shop.example.test").respondJson("{\"heap\":1}").build(), out);
        engine.flush(1_700_000_100_000_000L, out);
        observed = new ArrayList<>(out.endpoints.values());
    }

    @Test
    void exportIsValidOpenApi31ForSwaggerParser() {
        OpenApiExporter exporter = new OpenApiExporter();
        String json = exporter.toJson(exporter.export(SERVICE, "shop.example.test", observed));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsKeys("/api/products/{productId}", "/api/orders", "/api/legacy/export");
        var get = api.getPaths().get("/api/products/{productId}").getGet();
        assertThat(get.getParameters()).extracting(p -> p.getIn() + " " + p.getName())
                .contains("path productId", "query lang");
        assertThat(get.getResponses()).containsKeys("200", "404");
        assertThat(get.getResponses().get("200").getHeaders()).containsOnlyKeys("x-ratelimit-remaining");
        assertThat(get.getResponses().get("200").getHeaders().get("x-ratelimit-remaining").getSchema().getTypes()).containsExactly("integer");
        var schema = get.getResponses().get("200").getContent().get("application/json").getSchema();
        assertThat(schema.getProperties()).containsKeys("id", "name", "price", "tags");
        assertThat(schema.getRequired()).contains("id", "name");
        var post = api.getPaths().get("/api/orders").getPost();
        assertThat(post.getRequestBody().getContent().get("application/json").getSchema().getProperties()).containsKeys("productId", "shipping");
        assertThat(api.getPaths().get("/api/products/{productId}").getDelete().getResponses()).containsKey("204");
        assertThat(exporter.toJson(exporter.export(SERVICE, "shop.example.test", observed))).contains("3.1.0");
    }

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Shop, version: "1.0"}
            servers: [{url: "https://shop.example.test/api"}]
            paths:
              /products/{id}:
                get:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Product"}
                delete:
                  deprecated: true
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer}}
                  responses:
                    "204": {description: deleted}
              /orders:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            productId: {type: integer}
                            quantity: {type: integer}
                  responses:
                    "201": {description: created}
              /legacy/export:
                get:
                  responses:
                    "200": {description: csv}
              /coupons:
                get:
                  responses:
                    "200": {description: list}
            components:
              schemas:
                Product:
                  type: object
                  properties:
                    id: {type: integer}
                    name: {type: string}
                    price: {type: number}
                    tags: {type: array, items: {type: string}}
            """;

    @Test
    void diffFindsShadowZombieNeverSeenAndUndocumentedItems() throws Exception {
        SpecDiff diff = new SpecDiffer().diff(new SpecImporter(SpecBounds.DEFAULT_MAX_BYTES).parse(SPEC), observed);
        assertThat(diff.shadow()).extracting(o -> o.method() + " " + o.observedTemplate()).containsExactly("GET /api/admin/debug");
        assertThat(diff.zombie()).extracting(o -> o.method() + " " + o.documentedPath()).containsExactly("DELETE /products/{id}");
        assertThat(diff.neverSeen()).extracting(o -> o.method() + " " + o.documentedPath()).containsExactly("GET /coupons");
        assertThat(diff.undocumentedParameters()).extracting(d -> d.method() + " " + d.what())
                .containsExactlyInAnyOrder("GET QUERY lang", "POST REQUEST_BODY $.shipping", "POST REQUEST_BODY $.shipping.city");
        assertThat(diff.undocumentedStatusCodes()).extracting(d -> d.method() + " " + d.what()).containsExactly("GET 404");
        assertThat(diff.undocumentedResponseFields()).extracting(d -> d.method() + " " + d.what()).containsExactly("GET 200 $.internalCost");
    }

    @Test
    void swagger2DocumentsAreImportedToo() throws Exception {
        String swagger = """
                {"swagger": "2.0", "info": {"title": "Shop", "version": "1"}, "basePath": "/api",
                 "paths": {"/products/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "integer"}],
                   "responses": {"200": {"description": "ok"}}}}}}
                """;
        SpecDiff diff = new SpecDiffer().diff(new SpecImporter(SpecBounds.DEFAULT_MAX_BYTES).parse(swagger), observed);
        assertThat(diff.shadow()).extracting(o -> o.method() + " " + o.observedTemplate())
                .contains("DELETE /api/products/{productId}", "POST /api/orders").doesNotContain("GET /api/products/{productId}");
    }

    @Test
    void anExternalRefIsNeitherFollowedNorRefusedButListed() throws Exception {
        ImportedSpec spec = new SpecImporter(2000).parse("openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n"
                + "      responses:\n        '200': {$ref: 'https://evil.example.test/r.yaml'}\n");
        assertThat(spec.unfollowedReferences()).containsExactly("/paths/~1a/get/responses/200/$ref");
        assertThat(spec.openApi().getPaths().get("/a").getGet().getResponses().get("200").get$ref())
                .isEqualTo("https://evil.example.test/r.yaml");
    }

    @Test
    void badDocumentsAreRejectedWithAMessageNamingTheProblem() {
        SpecImporter importer = new SpecImporter(2000);
        assertThatThrownBy(() -> importer.parse("")).isInstanceOf(SpecImportException.class).hasMessage("the document is empty");
        assertThatThrownBy(() -> importer.parse("x".repeat(2001))).hasMessageContaining("more than the limit of 2000 bytes");
        assertThatThrownBy(() -> importer.parse("{\"openapi\": \"3.0.0\", ")).hasMessageContaining("not valid JSON at line 1");
        assertThatThrownBy(() -> importer.parse("title: not an api\n")).hasMessageContaining("no 'openapi' or 'swagger' field");
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\npaths: {}\n")).hasMessageContaining("info");
    }
}
