package io.periscope.events.kafka;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.avro.ExchangeAvroCodec;
import io.periscope.events.http.avro.ExchangeAvroSchema;
import java.util.function.Function;

/**
 * The binary schemas this build reads, by record type and the id in {@link SchemaIdHeader}: today only
 * {@link HttpExchange} in Avro ({@link ExchangeAvroSchema#ID}). A new schema version of a record is a new id here,
 * beside the old one, so readers upgraded first read both.
 */
final class BinarySchemas {
    private BinarySchemas() {
    }

    /** The decoder of {@code type} under {@code schemaId}, or null when this build does not know the id. */
    static Function<byte[], ?> decoder(Class<?> type, int schemaId) {
        if (type == HttpExchange.class && schemaId == ExchangeAvroSchema.ID) {
            return ExchangeAvroCodec::decode;
        }
        return null;
    }
}
