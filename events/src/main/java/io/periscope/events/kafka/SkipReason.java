package io.periscope.events.kafka;

/**
 * Why a consumer skipped a record instead of handling it. Each reason carries the {@code reason} tag of the
 * skip counters, so every stage counts the same failure under the same name.
 */
public enum SkipReason {
    /** The value is not the record type's JSON (or is JSON {@code null}), or not its binary schema (malformed Avro). */
    UNREADABLE("unreadable"),
    /**
     * The record's {@code schemaVersion} is newer than this build reads, or its {@link SchemaIdHeader} names a schema
     * this build does not know: it may mean something else.
     */
    UNSUPPORTED_SCHEMA("unsupported_schema"),
    /** The value is larger than the reader's limit; it is not parsed. */
    OVERSIZE("oversize"),
    /** The record has no value where one is needed (on a topic where a tombstone means nothing). */
    TOMBSTONE("tombstone"),
    /** The record has no key on a topic whose records are identified by their key. */
    NO_KEY("no_key");

    private final String tag;

    SkipReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag, e.g. {@code unsupported_schema}. */
    public String tag() {
        return tag;
    }
}
