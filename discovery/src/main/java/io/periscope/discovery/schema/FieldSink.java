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

    /**
     * A value read past the reader's field bounds ({@link JsonFields#MAX_VALUES}, {@link JsonFields#MAX_PATHS}): not
     * recorded as a parameter, only judged for sensitive data, so a large response is judged to its last record.
     *
     * @param name  the JSON path
     * @param value the scalar value as text (never null)
     */
    default void sensitiveOnly(String name, String value) {
    }
}
