package io.periscope.server.catalog;

import io.periscope.events.catalog.ParameterInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of a body schema tree, rebuilt from the JSON paths of observed body fields ({@code $.a.b},
 * {@code $.items[*].id}); form fields (plain names) are children of the root. Intermediate nodes that were
 * never observed themselves have a null type.
 *
 * @param name          the property name; {@code []} for array items; {@code $} for the root
 * @param path          the field's JSON path
 * @param type          the dominant observed type, or null
 * @param format        the dominant string format, or null
 * @param presenceRatio share of messages carrying it (1.0: always), or -1 when not observed itself
 * @param sensitiveTypes sensitive data types detected in its values
 * @param examples      masked examples
 * @param children      properties, or the item node of an array
 */
public record FieldNode(String name, String path, String type, String format, double presenceRatio,
                        List<String> sensitiveTypes, List<String> examples, List<FieldNode> children) {

    static FieldNode tree(List<ParameterInfo> fields) {
        Builder root = new Builder("$", "$");
        for (ParameterInfo p : fields) {
            root.add(p);
        }
        return root.build();
    }

    private static final class Builder {
        final String name;
        final String path;
        ParameterInfo field;
        final List<Builder> children = new ArrayList<>();

        Builder(String name, String path) {
            this.name = name;
            this.path = path;
        }

        void add(ParameterInfo p) {
            String fieldPath = p.name();
            if (!fieldPath.startsWith("$")) {
                child(fieldPath, fieldPath).field = p;
                return;
            }
            Builder node = this;
            int i = 1;
            while (i < fieldPath.length()) {
                if (fieldPath.startsWith("[*]", i)) {
                    i += 3;
                    node = node.child("[]", fieldPath.substring(0, i));
                } else if (fieldPath.charAt(i) == '.') {
                    int end = i + 1;
                    while (end < fieldPath.length() && fieldPath.charAt(end) != '.' && !fieldPath.startsWith("[*]", end)) {
                        end++;
                    }
                    node = node.child(fieldPath.substring(i + 1, end), fieldPath.substring(0, end));
                    i = end;
                } else {
                    // Not a path this tree understands: keep the field visible under its full name.
                    node = child(fieldPath, fieldPath);
                    break;
                }
            }
            node.field = p;
        }

        Builder child(String childName, String childPath) {
            for (Builder b : children) {
                if (b.name.equals(childName)) {
                    return b;
                }
            }
            Builder b = new Builder(childName, childPath);
            children.add(b);
            return b;
        }

        FieldNode build() {
            List<FieldNode> built = children.stream().map(Builder::build).toList();
            if (field == null) {
                return new FieldNode(name, path, null, null, -1, List.of(), List.of(), built);
            }
            return new FieldNode(name, path, field.type(), field.format(), field.presenceRatio(), field.sensitiveTypes(),
                    field.examples(), built);
        }
    }
}
