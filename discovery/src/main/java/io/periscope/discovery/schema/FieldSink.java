package io.periscope.discovery.schema;

/** Receives the fields read out of one message. */
public interface FieldSink {
    /**
     * One field occurrence.
     *
     * @param name  parameter name or JSON path
     * @param type  inferred type
     * @param value the scalar value as text, or null for objects, arrays, nulls and names without values
     */
    void field(String name, ValueType type, String value);
}
