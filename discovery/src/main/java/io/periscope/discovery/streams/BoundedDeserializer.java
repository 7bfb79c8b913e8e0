package io.periscope.discovery.streams;

import io.periscope.events.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads an event record from JSON, refusing one over the size limit before parsing it. Failures are
 * {@link org.apache.kafka.common.errors.SerializationException}s, which Kafka Streams hands to the
 * {@link PoisonRecordHandlers.Deserialization} handler.
 */
final class BoundedDeserializer<T> implements Deserializer<T> {
    private final JsonSerde<T> serde;
    private final int maxBytes;

    BoundedDeserializer(Class<T> type, int maxBytes) {
        this.serde = JsonSerde.of(type);
        this.maxBytes = maxBytes;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data != null && data.length > maxBytes) {
            throw new OversizeRecordException(topic, data.length, maxBytes);
        }
        return serde.deserialize(topic, data);
    }
}
