package io.periscope.discovery.template;

/** What a path segment looks like. Every kind but {@link #LITERAL} becomes a parameter at once. */
public enum SegmentKind {
    LITERAL("string", null),
    INTEGER("integer", null),
    UUID("string", "uuid"),
    OBJECT_ID("string", null),
    HEX("string", null),
    DATE("string", "date"),
    DATE_TIME("string", "date-time"),
    EMAIL("string", "email"),
    MIXED_ID("string", null),
    /** A credential or sensitive value the sensor replaced by its marker ({@code [redacted:...]}, {@code [masked:...]}). */
    REDACTED("string", null);

    private final String schemaType;
    private final String format;

    SegmentKind(String schemaType, String format) {
        this.schemaType = schemaType;
        this.format = format;
    }

    public String schemaType() {
        return schemaType;
    }

    public String format() {
        return format;
    }
}
