package io.periscope.discovery.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operations an imported API document declares, as method and full path pattern (the first server URL's path
 * prefixed, as {@link SpecDiffer} reads them). A documented operation vouches for its path: it belongs in the catalog
 * even if it only ever answered "not found" (an endpoint the API documents but the traffic has not reached yet, or
 * one that answers 404 for absent objects).
 */
public final class DocumentedOperations {

    /** One documented operation: upper-case method and a path pattern with {@code {name}} placeholders. */
    public record Operation(String method, String pattern) {
    }

    private DocumentedOperations() {
    }

    /** The document's operations in document order, without duplicates. */
    public static List<Operation> of(ImportedSpec imported) {
        OpenAPI spec = imported.openApi();
        if (spec.getPaths() == null) {
            return List.of();
        }
        String base = SpecDiffer.basePath(spec);
        LocalRefs refs = new LocalRefs(spec);
        Set<Operation> out = new LinkedHashSet<>();
        for (var e : spec.getPaths().entrySet()) {
            PathItem item = refs.pathItem(e.getValue());
            if (item == null || !e.getKey().startsWith("/")) {
                continue;
            }
            for (PathItem.HttpMethod method : item.readOperationsMap().keySet()) {
                out.add(new Operation(method.name(), base + e.getKey()));
            }
        }
        return new ArrayList<>(out);
    }
}
