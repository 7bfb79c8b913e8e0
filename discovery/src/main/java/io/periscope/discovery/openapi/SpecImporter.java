package io.periscope.discovery.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.util.SwaggerDeserializer;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Imports a user's OpenAPI 3.0 / 3.1 or Swagger 2.0 document (JSON or YAML) without ever fetching anything.
 *
 * <p>swagger-parser's entry points ({@code OpenAPIParser}, {@code OpenAPIV3Parser.readContents/read},
 * {@code SwaggerConverter.readContents}) read the text with their own unbounded loader and, with any resolve
 * option, hand references to {@code OpenAPIResolver}/{@code ResolverCache}/{@code RefUtils} (v3), the 3.1
 * dereferencer, or the v1 {@code SwaggerResolver} (Swagger 2): those load URLs, files and class-path resources,
 * including discriminator mappings. None of them is used here. The text is read into a tree within
 * {@link SpecBounds} by {@link DocumentTreeReader}, and the model is built from that tree by the deserializers
 * alone ({@link OpenAPIDeserializer}; for Swagger 2 the v1 {@link SwaggerDeserializer} then
 * {@link SwaggerConverter#convert(io.swagger.parser.util.SwaggerDeserializationResult)}), which only copy
 * values. References inside the document stay references; {@link LocalRefs} follows the local ones.
 *
 * <p>An external {@code $ref} is not refused: it stays a reference that nothing follows, and its location is
 * listed in {@link ImportedSpec#unfollowedReferences()} so the user sees what the diff could not look into.
 */
public final class SpecImporter {
    /** Default bound: {@code periscope.discovery.openapi.max-document-bytes}. */
    private static final int MAX_MESSAGES = 5;
    private static final int MAX_MESSAGE_CHARS = 200;
    static final int MAX_LISTED_REFS = 20;

    private final SpecBounds bounds;
    private final DocumentTreeReader reader;

    public SpecImporter(int maxBytes) {
        this(SpecBounds.ofMaxBytes(maxBytes));
    }

    public SpecImporter(SpecBounds bounds) {
        this.bounds = bounds;
        this.reader = new DocumentTreeReader(bounds);
    }

    public ImportedSpec parse(String document) throws SpecImportException {
        if (document == null || document.isBlank()) {
            throw new SpecImportException("the document is empty");
        }
        int size = document.getBytes(StandardCharsets.UTF_8).length;
        if (size > bounds.maxBytes()) {
            throw new SpecImportException(SpecImportException.Reason.TOO_LARGE,
                    "the document is " + size + " bytes, more than the limit of " + bounds.maxBytes() + " bytes");
        }
        JsonNode tree = reader.read(document);
        if (!tree.isObject() || !(tree.has("openapi") || tree.has("swagger"))) {
            throw new SpecImportException("not an OpenAPI 3.x or Swagger 2 document: no 'openapi' or 'swagger' field at the top level");
        }
        SwaggerParseResult result;
        try {
            result = tree.has("openapi") ? openApi(tree) : swagger2(tree);
        } catch (RuntimeException | StackOverflowError e) {
            // A deserializer bug on odd input: the document is the cause, the parser's internals are not the user's business.
            throw new SpecImportException("the document could not be read as an OpenAPI 3.x or Swagger 2 document");
        }
        List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
        if (result == null || result.getOpenAPI() == null || !messages.isEmpty()) {
            throw new SpecImportException("invalid API document: "
                    + (messages.isEmpty() ? "the parser could not read it" : summary(messages)));
        }
        if (result.getOpenAPI().getPaths() == null || result.getOpenAPI().getPaths().isEmpty()) {
            throw new SpecImportException("the document has no paths");
        }
        List<String> external = new ArrayList<>();
        externalRefs(tree, new ArrayDeque<>(), external);
        return new ImportedSpec(result.getOpenAPI(), external);
    }

    private static SwaggerParseResult openApi(JsonNode tree) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        return new OpenAPIDeserializer().deserialize(tree, null, options);
    }

    private static SwaggerParseResult swagger2(JsonNode tree) {
        return new SwaggerConverter().convert(new SwaggerDeserializer().deserialize(tree));
    }

    /** The deserializers' validation messages, which describe the user's document; a few, each shortened. */
    private static String summary(List<String> messages) {
        List<String> shown = new ArrayList<>();
        for (String m : messages.subList(0, Math.min(MAX_MESSAGES, messages.size()))) {
            String s = String.valueOf(m);
            shown.add(s.length() > MAX_MESSAGE_CHARS ? s.substring(0, MAX_MESSAGE_CHARS) + "…" : s);
        }
        return String.join("; ", shown) + (messages.size() > MAX_MESSAGES ? "; and " + (messages.size() - MAX_MESSAGES) + " more" : "");
    }

    /** Adds the location (a JSON pointer) of each {@code $ref} that does not point inside the document, up to the listing bound. */
    private static void externalRefs(JsonNode node, Deque<String> at, List<String> found) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (found.size() >= MAX_LISTED_REFS) {
                    return;
                }
                at.addLast(e.getKey().replace("~", "~0").replace("/", "~1"));
                if (e.getKey().equals("$ref") && e.getValue().isTextual() && !e.getValue().asText().startsWith("#")) {
                    String pointer = "/" + String.join("/", at);
                    found.add(pointer.length() > MAX_MESSAGE_CHARS ? pointer.substring(0, MAX_MESSAGE_CHARS) + "…" : pointer);
                } else {
                    externalRefs(e.getValue(), at, found);
                }
                at.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size() && found.size() < MAX_LISTED_REFS; i++) {
                at.addLast(Integer.toString(i));
                externalRefs(node.get(i), at, found);
                at.removeLast();
            }
        }
    }
}
