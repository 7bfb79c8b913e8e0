package io.periscope.discovery.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import java.util.function.Function;

/**
 * Follows the references that point inside a document ({@code #/components/<kind>/<name>}), which
 * {@link SpecImporter} leaves in the model because it never runs swagger-parser's resolvers. Anything else
 * (another file, a URL) stays unresolved: the diff then treats the object as saying nothing. A chain of
 * references is followed at most {@value #MAX_HOPS} hops, so a loop ends.
 */
final class LocalRefs {
    private static final int MAX_HOPS = 16;

    private final Components components;

    LocalRefs(OpenAPI spec) {
        this.components = spec.getComponents() == null ? new Components() : spec.getComponents();
    }

    @SuppressWarnings("rawtypes") // swagger-models declares the schema table with raw Schema values
    Schema<?> schema(Schema<?> s) {
        Map<String, Schema> table = components.getSchemas();
        return follow(s, Schema::get$ref, "schemas", table == null ? null : name -> table.get(name));
    }

    Parameter parameter(Parameter p) {
        return follow(p, Parameter::get$ref, "parameters", lookup(components.getParameters()));
    }

    ApiResponse response(ApiResponse r) {
        return follow(r, ApiResponse::get$ref, "responses", lookup(components.getResponses()));
    }

    RequestBody requestBody(RequestBody b) {
        return follow(b, RequestBody::get$ref, "requestBodies", lookup(components.getRequestBodies()));
    }

    PathItem pathItem(PathItem p) {
        return follow(p, PathItem::get$ref, "pathItems", lookup(components.getPathItems()));
    }

    private static <T> Function<String, T> lookup(Map<String, T> table) {
        return table == null ? null : table::get;
    }

    /** The object a chain of local references ends at; the last object reached when the chain leaves the document. */
    private static <T> T follow(T start, Function<T, String> ref, String kind, Function<String, ? extends T> table) {
        T current = start;
        String prefix = "#/components/" + kind + "/";
        for (int hop = 0; hop < MAX_HOPS && current != null && table != null; hop++) {
            String r = ref.apply(current);
            if (r == null || !r.startsWith(prefix)) {
                return current;
            }
            T next = table.apply(r.substring(prefix.length()).replace("~1", "/").replace("~0", "~"));
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }
}
