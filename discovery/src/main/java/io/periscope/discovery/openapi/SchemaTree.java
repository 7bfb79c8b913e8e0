package io.periscope.discovery.openapi;

import io.periscope.events.catalog.ParameterInfo;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a JSON Schema (OpenAPI 3.1) from observed body fields addressed by JSON path
 * ({@code $.a.b}, {@code $.items[*].id}, {@code $[*].name}).
 */
final class SchemaTree {
    private final Node root = new Node();

    private static final class Node {
        String type;
        String format;
        List<String> enumValues = List.of();
        double presence = 1;
        final Map<String, Node> properties = new LinkedHashMap<>();
        Node items;
    }

    /** Adds one field. Paths are the body-field names of {@link ParameterInfo}. */
    void add(ParameterInfo p) {
        Node n = root;
        String path = p.name();
        int i = path.startsWith("$") ? 1 : 0;
        if (i == 0) {
            // a form or multipart field name: one level
            n.type = "object";
            n = n.properties.computeIfAbsent(path, k -> new Node());
        }
        while (i < path.length()) {
            if (path.startsWith("[*]", i)) {
                n.type = "array";
                if (n.items == null) {
                    n.items = new Node();
                }
                n = n.items;
                i += 3;
            } else if (path.charAt(i) == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && !path.startsWith("[*]", end)) {
                    end++;
                }
                n.type = "object";
                n = n.properties.computeIfAbsent(path.substring(i + 1, end), k -> new Node());
                i = end;
            } else {
                return;
            }
        }
        // a node that already has children is a container whatever this observation says
        if (n.properties.isEmpty() && n.items == null) {
            n.type = p.type();
            n.format = p.format();
            n.enumValues = p.enumValues();
        }
        n.presence = p.presenceRatio();
    }

    boolean isEmpty() {
        return root.type == null;
    }

    Schema<Object> toSchema() {
        return toSchema(root);
    }

    private static Schema<Object> toSchema(Node n) {
        Schema<Object> s = new JsonSchema();
        s.specVersion(SpecVersion.V31);
        String type = n.type == null ? "object" : n.type;
        if (type.equals("null")) {
            s.addType("null");
            return s;
        }
        s.addType(type);
        if (n.format != null && !"binary".equals(n.format)) {
            s.setFormat(n.format);
        } else if ("binary".equals(n.format)) {
            s.setContentMediaType("application/octet-stream");
        }
        if (!n.enumValues.isEmpty() && type.equals("string")) {
            s.setEnum(new ArrayList<>(n.enumValues));
        }
        if (type.equals("object") && !n.properties.isEmpty()) {
            List<String> required = new ArrayList<>();
            for (Map.Entry<String, Node> e : n.properties.entrySet()) {
                s.addProperty(e.getKey(), toSchema(e.getValue()));
                if (e.getValue().presence >= 0.999) {
                    required.add(e.getKey());
                }
            }
            if (!required.isEmpty()) {
                s.setRequired(required);
            }
        }
        if (type.equals("array")) {
            s.setItems(n.items == null ? new JsonSchema().specVersion(SpecVersion.V31) : toSchema(n.items));
        }
        return s;
    }
}
