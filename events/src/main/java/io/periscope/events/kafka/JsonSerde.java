package io.periscope.events.kafka;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for an event record, as JSON through {@link EventJson}. A value that cannot be read
 * raises {@link SerializationException} naming the type, so consumers can count and skip it.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " for " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(data, type);
        } catch (IOException | RuntimeException e) {
            // Neither the parser's message nor the exception as cause: both can quote the payload, and a
            // payload may carry what the sensor failed to recognise as a secret. The kind and the place suffice.
            throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic
                    + ": " + e.getClass().getSimpleName() + where(e));
        }
    }

    /**
     * Reads a value for a reader that skips what it cannot read: unreadable JSON, and the JSON {@code null}, are a
     * {@link SkippedRecordException} of reason {@link SkipReason#UNREADABLE}, whose message names the type, topic and
     * place, never the payload.
     */
    public T readOrSkip(String topic, byte[] data) {
        T value;
        try {
            value = deserialize(topic, data);
        } catch (SkippedRecordException e) {
            throw e;
        } catch (SerializationException e) {
            throw new SkippedRecordException(SkipReason.UNREADABLE, e.getMessage());
        }
        if (value == null) {
            throw new SkippedRecordException(SkipReason.UNREADABLE, "cannot read " + type.getSimpleName() + " from "
                    + topic + ": JSON null");
        }
        return value;
    }

    private static String where(Exception e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
        }
        return "";
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // the mapping is fixed: nothing to configure
    }

    @Override
    public void close() {
        // stateless
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
