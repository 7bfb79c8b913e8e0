package io.periscope.events.kafka;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.avro.ExchangeAvroCodec;
import io.periscope.events.http.avro.ExchangeAvroSchema;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@link HttpExchange} values of {@link Topics#EXCHANGES} in the configured {@link RecordFormat}: JSON as
 * {@link JsonSerde} does, or Avro with the schema id header {@link SchemaIdHeader#NAME} that tells readers how to
 * read it. Thread-safe (the producer calls it from every sending thread).
 */
public final class ExchangeSerializer implements Serializer<HttpExchange> {
    private static final byte[] AVRO_ID = SchemaIdHeader.value(ExchangeAvroSchema.ID);

    private final RecordFormat format;
    private final JsonSerde<HttpExchange> json = JsonSerde.of(HttpExchange.class);

    public ExchangeSerializer(RecordFormat format) {
        this.format = format;
    }

    public RecordFormat format() {
        return format;
    }

    /**
     * Avro needs the record's headers for its schema id; without them, as here, an Avro value would be taken for
     * broken JSON by every reader, so this refuses it.
     */
    @Override
    public byte[] serialize(String topic, HttpExchange data) {
        if (format == RecordFormat.AVRO && data != null) {
            throw new SerializationException("an Avro exchange needs the record headers for its schema id");
        }
        return json.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, HttpExchange data) {
        if (format == RecordFormat.JSON || data == null) {
            return json.serialize(topic, data);
        }
        byte[] value;
        try {
            value = ExchangeAvroCodec.encode(data);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("cannot write HttpExchange for " + topic + ": " + e.getMessage());
        }
        Header present = headers.lastHeader(SchemaIdHeader.NAME);
        // a record sent again after a timeout already has it, and the producer may have made its headers read-only
        if (present == null || !Arrays.equals(present.value(), AVRO_ID)) {
            headers.remove(SchemaIdHeader.NAME);
            headers.add(SchemaIdHeader.NAME, AVRO_ID);
        }
        return value;
    }
}
