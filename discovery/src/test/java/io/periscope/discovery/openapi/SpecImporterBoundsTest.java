package io.periscope.discovery.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.OpenAPI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The importer's CPU and memory bounds, its YAML alias handling and the local references the diff follows. */
class SpecImporterBoundsTest {
    private final SpecImporter importer = new SpecImporter(SpecBounds.defaults());

    @Test
    @Timeout(10)
    void theBillionLaughsIsRejectedQuicklyNamingTheAliasBound() {
        assertThat(HostileSpecs.BILLION_LAUGHS.length()).isEqualTo(416);
        long start = System.nanoTime();
        assertThatThrownBy(() -> importer.parse(HostileSpecs.BILLION_LAUGHS))
                .isInstanceOfSatisfying(SpecImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(SpecImportException.Reason.BOUND_EXCEEDED))
                .hasMessageContaining("more than 20 YAML aliases");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @Timeout(10)
    void fewAliasesThatMultiplyAreStoppedByTheNodeBound() {
        assertThatThrownBy(() -> importer.parse(HostileSpecs.multiplyingAliases()))
                .isInstanceOfSatisfying(SpecImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(SpecImportException.Reason.BOUND_EXCEEDED))
                .hasMessageContaining("more than 500000 values once YAML aliases are expanded");
    }

    @Test
    void aRecursiveAliasIsStoppedByTheDepthBound() {
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-loop: &a [1, *a]\n"))
                .isInstanceOf(SpecImportException.class).hasMessageContaining("deeper than 100 levels");
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-key: &k {? *k : 1}\n"))
                .isInstanceOf(SpecImportException.class).hasMessageContaining("the document");
    }

    @Test
    void deepNestingIsRejectedInJsonAndYaml() {
        String json = "{\"openapi\": \"3.0.0\", \"x-deep\": " + "[".repeat(500) + "]".repeat(500) + "}";
        assertThatThrownBy(() -> importer.parse(json)).isInstanceOfSatisfying(SpecImportException.class,
                e -> assertThat(e.reason()).isEqualTo(SpecImportException.Reason.BOUND_EXCEEDED))
                .hasMessageContaining("deeper than 100 levels");
        String yaml = "openapi: 3.0.0\nx-deep: " + "[".repeat(500) + "]".repeat(500) + "\n";
        assertThatThrownBy(() -> importer.parse(yaml)).isInstanceOfSatisfying(SpecImportException.class,
                e -> assertThat(e.reason()).isEqualTo(SpecImportException.Reason.BOUND_EXCEEDED))
                .hasMessageContaining("deeper than 100 levels");
    }

    @Test
    void aHugeNumberIsRejectedNamingTheBoundInJsonAndYaml() {
        String json = "{\"openapi\": \"3.0.0\", \"x-n\": " + "9".repeat(5000) + "}";
        assertThatThrownBy(() -> importer.parse(json)).hasMessageContaining("more than 1000 digits");
        // In YAML a long integer is parsed in quadratic time by the constructor: refused before it runs. (SnakeYAML
        // resolves a plain scalar over 1024 characters as a string, so the YAML cases stay below that.)
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-n: " + "9".repeat(1010) + "\n"))
                .hasMessageContaining("more than 1000 digits");
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-n: 1." + "9".repeat(1010) + "\n"))
                .hasMessageContaining("more than 1000 digits");
    }

    @Test
    void aScalarSnakeYamlCannotConstructIsACleanRejection() {
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-n: [55555555555555595551:55]\n"))
                .isInstanceOfSatisfying(SpecImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(SpecImportException.Reason.INVALID))
                .hasMessage("the document is not valid YAML: a value cannot be read as its YAML type");
    }

    @Test
    void aMappingAsAKeyIsRefusedBeforeItIsHashed() {
        assertThatThrownBy(() -> importer.parse("openapi: 3.0.0\nx-a: &a [1, 2]\nx-b: {? *a : 1}\n"))
                .isInstanceOf(SpecImportException.class).hasMessageContaining("mapping key is a mapping or a list");
    }

    @Test
    void aFewAliasesAndMergeKeysStillWork() throws Exception {
        OpenAPI spec = importer.parse("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                x-ok: &ok {"200": {description: ok}}
                x-op: &op {responses: *ok, deprecated: true}
                paths:
                  /a: {get: *op}
                  /b:
                    get:
                      <<: *op
                      deprecated: false
                """).openApi();
        assertThat(spec.getPaths().get("/a").getGet().getResponses()).containsKey("200");
        assertThat(spec.getPaths().get("/a").getGet().getDeprecated()).isTrue();
        assertThat(spec.getPaths().get("/b").getGet().getDeprecated()).isFalse();
        assertThat(spec.getPaths().get("/b").getGet().getResponses().get("200").getDescription()).isEqualTo("ok");
    }

    @Test
    void localReferencesAreFollowedByTheDiffWithoutAnyResolver() throws Exception {
        OpenAPI spec = importer.parse("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /orders:
                    post:
                      parameters: [{$ref: '#/components/parameters/Lang'}]
                      requestBody: {$ref: '#/components/requestBodies/Order'}
                      responses: {"201": {$ref: '#/components/responses/Created'}}
                components:
                  parameters:
                    Lang: {name: lang, in: query, schema: {type: string}}
                  requestBodies:
                    Order: {content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
                  responses:
                    Created: {description: created, content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}}
                  schemas:
                    Order: {type: object, properties: {id: {type: integer}, lines: {type: array, items: {$ref: '#/components/schemas/Line'}}}}
                    Line: {type: object, properties: {sku: {type: string}}}
                """).openApi();
        LocalRefs refs = new LocalRefs(spec);
        var body = refs.requestBody(spec.getPaths().get("/orders").getPost().getRequestBody());
        var schema = refs.schema(body.getContent().get("application/json").getSchema());
        assertThat(SpecDiffer.documentedField(refs, schema, "$.id")).isTrue();
        assertThat(SpecDiffer.documentedField(refs, schema, "$.lines[*].sku")).isTrue();
        assertThat(SpecDiffer.documentedField(refs, schema, "$.lines[*].price")).isFalse();
        assertThat(SpecDiffer.documentedField(refs, schema, "$.coupon")).isFalse();
        assertThat(refs.parameter(spec.getPaths().get("/orders").getPost().getParameters().get(0)).getName()).isEqualTo("lang");
    }

    @Test
    void aReferenceLoopEnds() throws Exception {
        OpenAPI spec = importer.parse("""
                openapi: 3.0.3
                info: {title: t, version: "1"}
                paths:
                  /a: {get: {responses: {"200": {description: ok}}}}
                components:
                  schemas:
                    A: {$ref: '#/components/schemas/B'}
                    B: {$ref: '#/components/schemas/A'}
                """).openApi();
        LocalRefs refs = new LocalRefs(spec);
        assertThat(refs.schema(spec.getComponents().getSchemas().get("A"))).isNotNull();
    }
}
