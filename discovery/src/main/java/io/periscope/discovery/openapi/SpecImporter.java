package io.periscope.discovery.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Imports a user's OpenAPI 3.x or Swagger 2 document (JSON or YAML) through swagger-parser. The document is
 * bounded in size, external {@code $ref}s are refused before parsing (the parser would fetch them: a
 * server-side request on the user's behalf), and any parser message rejects the document with the messages
 * as the reason.
 */
public final class SpecImporter {
    /** Default bound: {@code periscope.discovery.openapi.max-document-bytes}. */
    public static final int DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
    private static final int MAX_MESSAGES = 5;

    private final int maxBytes;

    public SpecImporter(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("periscope.discovery.openapi.max-document-bytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public OpenAPI parse(String document) throws SpecImportException {
        if (document == null || document.isBlank()) {
            throw new SpecImportException("the document is empty");
        }
        int size = document.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw new SpecImportException("the document is " + size + " bytes, more than the limit of " + maxBytes + " bytes");
        }
        JsonNode tree = tree(document);
        if (!tree.isObject() || !(tree.has("openapi") || tree.has("swagger"))) {
            throw new SpecImportException("not an OpenAPI 3.x or Swagger 2 document: no 'openapi' or 'swagger' field at the top level");
        }
        String external = externalRef(tree);
        if (external != null) {
            throw new SpecImportException("external $ref '" + external + "' is not allowed: bundle the document into one file");
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null || !messages.isEmpty()) {
            String detail = messages.isEmpty() ? "the parser could not read it"
                    : String.join("; ", messages.subList(0, Math.min(MAX_MESSAGES, messages.size())))
                    + (messages.size() > MAX_MESSAGES ? "; and " + (messages.size() - MAX_MESSAGES) + " more" : "");
            throw new SpecImportException("invalid API document: " + detail);
        }
        if (result.getOpenAPI().getPaths() == null || result.getOpenAPI().getPaths().isEmpty()) {
            throw new SpecImportException("the document has no paths");
        }
        return result.getOpenAPI();
    }

    private static JsonNode tree(String document) throws SpecImportException {
        String trimmed = document.stripLeading();
        ObjectMapper mapper = trimmed.startsWith("{") ? JsonMapper.builder().build() : YAMLMapper.builder().build();
        try {
            JsonNode n = mapper.readTree(document);
            if (n == null) {
                throw new SpecImportException("the document is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new SpecImportException("the document is not valid " + (trimmed.startsWith("{") ? "JSON" : "YAML") + where
                    + ": " + e.getOriginalMessage());
        }
    }

    /** The first {@code $ref} that does not point inside the document, or null. */
    private static String externalRef(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("$ref") && e.getValue().isTextual() && !e.getValue().asText().startsWith("#")) {
                    return e.getValue().asText();
                }
                String inner = externalRef(e.getValue());
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                String inner = externalRef(c);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
