package io.periscope.detection.behaviour;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.periscope.detection.endpoint.PathTemplates;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The property paths of a JSON object body ({@code role}, {@code address.city}, {@code items[].sku},
 * {@code settings.{id}.enabled} for id-shaped keys), with the value of
 * each scalar that is a boolean, a number or a short string — kept only to compare a privileged property's value with
 * the response and the sender (values of other properties are never read into the result; the sensor has already
 * masked secrets). Bounded: the first {@value #MAX_SCAN_BYTES} bytes, depth {@value #MAX_DEPTH}, at most
 * {@value #MAX_PROPERTIES} paths of at most {@value #MAX_PATH_CHARS} characters; a malformed or cut body yields what
 * was read before the fault.
 */
final class BodyProperties {
    static final int MAX_SCAN_BYTES = 16 * 1024;
    static final int MAX_DEPTH = 4;
    static final int MAX_PROPERTIES = 256;
    static final int MAX_PATH_CHARS = 128;
    private static final int MAX_SCALAR_CHARS = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(MAX_SCAN_BYTES).build())
            .build();

    private BodyProperties() {
    }

    /** Path → scalar value (null for objects, arrays, long strings); empty when the body is not a JSON object. */
    static Map<String, String> of(byte[] content) {
        Map<String, String> out = new LinkedHashMap<>();
        if (content == null || content.length == 0) {
            return out;
        }
        int length = Math.min(content.length, MAX_SCAN_BYTES);
        try (JsonParser p = JSON.createParser(content, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            walkObject(p, "", 1, out);
        } catch (IOException | RuntimeException e) {
            // a cut or malformed body: what was read before the fault stands
        }
        return out;
    }

    private static void walkObject(JsonParser p, String prefix, int depth, Map<String, String> out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                continue;
            }
            String path = prefix + name(p.currentName());
            JsonToken value = p.nextToken();
            if (path.length() > MAX_PATH_CHARS || out.size() >= MAX_PROPERTIES) {
                p.skipChildren();
                continue;
            }
            out.put(path, scalar(p, value));
            descend(p, value, path, depth, out);
        }
    }

    /**
     * A property name, or {@code {id}} when it is shaped like an id (digits, a UUID, long hex, letters mixed with
     * digits): maps keyed by object id ({@code {"settings": {"4711": true}}}) have one schema, not one per id.
     */
    private static String name(String name) {
        if (name.isEmpty() || name.length() > MAX_PATH_CHARS || name.indexOf('/') >= 0) {
            return name;
        }
        return PathTemplates.of("/" + name).objectId() != null ? PathTemplates.ID : name;
    }

    private static void descend(JsonParser p, JsonToken value, String path, int depth, Map<String, String> out)
            throws IOException {
        if (value == JsonToken.START_OBJECT) {
            if (depth < MAX_DEPTH) {
                walkObject(p, path + ".", depth + 1, out);
            } else {
                p.skipChildren();
            }
        } else if (value == JsonToken.START_ARRAY) {
            if (depth >= MAX_DEPTH) {
                p.skipChildren();
                return;
            }
            JsonToken e;
            while ((e = p.nextToken()) != null && e != JsonToken.END_ARRAY) {
                if (e == JsonToken.START_OBJECT) {
                    walkObject(p, path + "[].", depth + 1, out);
                } else if (e == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        }
    }

    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_STRING -> p.getTextLength() <= MAX_SCALAR_CHARS ? p.getText() : null;
            default -> null;
        };
    }

    /**
     * The id a creation answer names: the top-level {@code id} of a JSON object response, when it is a number or a
     * short string; null otherwise.
     */
    static String createdId(byte[] response) {
        return of(response).get("id");
    }

    /** The last name of a path ({@code user.role} → {@code role}, {@code items[].ownerId} → {@code ownerId}). */
    static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
