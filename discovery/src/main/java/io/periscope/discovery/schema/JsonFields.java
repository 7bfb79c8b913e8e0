package io.periscope.discovery.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Walks a JSON document with Jackson's streaming parser and reports every field value by JSON path
 * ({@code $.user.email}, {@code $.items[*].sku}: array elements share one {@code [*]} path, so a path may
 * be reported once per element; consumers count presence once per message). Depth, distinct paths and
 * reported values are bounded so that a hostile body costs little.
 */
public final class JsonFields {
    /** Containers nested deeper than this (the root's children are at depth 1) stop the walk. */
    public static final int MAX_DEPTH = 16;
    public static final int MAX_PATHS = 512;
    public static final int MAX_VALUES = 4096;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // nesting is bounded by the walker (MAX_DEPTH), which stops before Jackson's own limit matters
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).build())
            .build();

    /** How far a body could be read. Fields before a problem are still reported. */
    public enum Outcome { OK, MALFORMED, TOO_DEEP, TOO_MANY_FIELDS }

    private JsonFields() {
    }

    public static Outcome read(byte[] body, FieldSink sink) {
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return Outcome.MALFORMED;
            }
            return new Walker(p, sink).value(t, "$", 0);
        } catch (IOException e) {
            return Outcome.MALFORMED;
        }
    }

    private static final class Walker {
        private final JsonParser p;
        private final FieldSink sink;
        private final Set<String> paths = new HashSet<>();
        private int values;

        Walker(JsonParser p, FieldSink sink) {
            this.p = p;
            this.sink = sink;
        }

        Outcome value(JsonToken t, String path, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                return Outcome.TOO_DEEP;
            }
            switch (t) {
                case START_OBJECT -> {
                    if (!report(path, ValueType.OBJECT, null, depth)) {
                        return Outcome.TOO_MANY_FIELDS;
                    }
                    JsonToken next;
                    while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
                        Outcome o = value(p.nextToken(), path + "." + p.currentName(), depth + 1);
                        if (o != Outcome.OK) {
                            return o;
                        }
                    }
                    return next == JsonToken.END_OBJECT ? Outcome.OK : Outcome.MALFORMED;
                }
                case START_ARRAY -> {
                    if (!report(path, ValueType.ARRAY, null, depth)) {
                        return Outcome.TOO_MANY_FIELDS;
                    }
                    String child = path + "[*]";
                    JsonToken next;
                    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (next == null) {
                            return Outcome.MALFORMED;
                        }
                        Outcome o = value(next, child, depth + 1);
                        if (o != Outcome.OK) {
                            return o;
                        }
                    }
                    return Outcome.OK;
                }
                case VALUE_STRING -> {
                    String s = p.getText();
                    return scalar(path, ValueType.ofString(s), s, depth);
                }
                case VALUE_NUMBER_INT -> {
                    return scalar(path, ValueType.INTEGER, p.getText(), depth);
                }
                case VALUE_NUMBER_FLOAT -> {
                    return scalar(path, ValueType.NUMBER, p.getText(), depth);
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return scalar(path, ValueType.BOOLEAN, p.getText(), depth);
                }
                case VALUE_NULL -> {
                    return scalar(path, ValueType.NULL, null, depth);
                }
                default -> {
                    return Outcome.MALFORMED;
                }
            }
        }

        private Outcome scalar(String path, ValueType type, String value, int depth) {
            return report(path, type, value, depth) ? Outcome.OK : Outcome.TOO_MANY_FIELDS;
        }

        /** The root is not a field. Returns false when a bound is reached. */
        private boolean report(String path, ValueType type, String value, int depth) {
            if (depth == 0) {
                return true;
            }
            if (++values > MAX_VALUES || (paths.add(path) && paths.size() > MAX_PATHS)) {
                return false;
            }
            sink.field(path, type, value);
            return true;
        }
    }
}
