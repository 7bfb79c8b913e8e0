package io.periscope.discovery.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;

/**
 * An imported API document.
 *
 * @param openApi               the model, with every reference left as written
 * @param unfollowedReferences  where the document has a {@code $ref} to another file or a URL (JSON pointers, the
 *                              first {@value SpecImporter#MAX_LISTED_REFS}); never fetched, so the diff treats what
 *                              they stand for as undocumented-but-unknown and the user learns why
 */
public record ImportedSpec(OpenAPI openApi, List<String> unfollowedReferences) {
    public ImportedSpec {
        unfollowedReferences = List.copyOf(unfollowedReferences);
    }
}
