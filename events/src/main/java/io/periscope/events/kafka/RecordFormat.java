package io.periscope.events.kafka;

import java.util.Locale;

/**
 * How the values of {@link Topics#EXCHANGES} are written ({@code periscope.reassembly.kafka.record-format}). Readers
 * need no setting: {@link TopicReader} tells the two apart by the record header {@link SchemaIdHeader#NAME}, so both
 * can share the topic while producers are upgraded one by one.
 */
public enum RecordFormat {
    /** {@link JsonSerde}: bodies in base64, no header. Readable by any tool; what consumers read before Avro. */
    JSON,
    /**
     * Avro binary in the frozen schema {@code HttpExchange.avsc} ({@link io.periscope.events.http.avro.ExchangeAvroSchema}),
     * with the schema id in the header {@link SchemaIdHeader#NAME}: about a third of JSON's CPU to write and to read,
     * half its bytes before compression (docs/performance.md).
     */
    AVRO;

    /** The setting's value, {@code json} or {@code avro}. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming {@code key} when {@code value} is neither {@code json} nor {@code avro}
     */
    public static RecordFormat of(String key, String value) {
        for (RecordFormat f : values()) {
            if (f.setting().equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException(key + " = \"" + value + "\": expected json or avro");
    }
}
