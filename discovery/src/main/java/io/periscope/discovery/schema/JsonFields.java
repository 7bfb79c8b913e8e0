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
 * reported values are bounded so that a hostile body costs little; past the path and value bounds the walk goes on
 * to the end of the body, handing the remaining values to {@link FieldSink#sensitiveOnly} (judged for sensitive
 * data, not recorded as fields): the sensitive values of a large response sit in its last records as often as in
 * its first. That walk is linear in the body, which the sensor caps.
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
            Walker w = new Walker(p, sink);
            Outcome o = w.value(t, "$", 0);
            return o == Outcome.OK && w.capped ? Outcome.TOO_MANY_FIELDS : o;
        } catch (IOException e) {
            return Outcome.MALFORMED;
        }
    }

    private static final class Walker {
        private final JsonParser p;
        private final FieldSink sink;
        private final Set<String> paths = new HashSet<>();
        private int values;
        /** A field bound was reached: the rest is only judged for sensitive data. */
        private boolean capped;

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
                    report(path, ValueType.OBJECT, null, depth);
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
                    report(path, ValueType.ARRAY, null, depth);
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
            report(path, type, value, depth);
            return Outcome.OK;
        }

        /** The root is not a field. Past a bound, values go to {@link FieldSink#sensitiveOnly}. */
        private void report(String path, ValueType type, String value, int depth) {
            if (depth == 0) {
                return;
            }
            if (!capped && (++values > MAX_VALUES || (!paths.contains(path) && paths.size() >= MAX_PATHS))) {
                capped = true;
            }
            if (capped) {
                if (value != null) {
                    sink.sensitiveOnly(path, value);
                }
                return;
            }
            paths.add(path);
            sink.field(path, type, value);
        }
    }
}
