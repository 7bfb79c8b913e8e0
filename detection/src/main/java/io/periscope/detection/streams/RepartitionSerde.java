package io.periscope.detection.streams;

import io.periscope.detection.streams.binary.BinaryCodec;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;
import io.periscope.detection.streams.binary.MalformedRecordException;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipReason;
import io.periscope.events.kafka.SkippedRecordException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of one record type on detection's repartition topics: a leading format byte, then
 * {@link RepartitionFormat}. Those topics are internal to detection, but during a rolling upgrade they still hold
 * records of the previous build, so the reader also takes the JSON form that builds before the binary form wrote
 * (a value that starts with '{' or JSON whitespace; no binary version byte is one of those). A value that is
 * neither is skipped by the application's deserialization handler and counted by reason: {@code unsupported_schema}
 * for a format byte this build does not know (a newer build's), {@code unreadable} for a malformed record. A build
 * older than the binary form reads binary records as unreadable JSON: skipped and counted, never a crash.
 */
final class RepartitionSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    /** The format byte of {@link RepartitionFormat}; a new layout takes the next value below '\t'. */
    static final int BINARY_V1 = 1;
    /** Large enough for a typical observation without growing, small enough to be cheap to allocate. */
    private static final int INITIAL_BYTES = 512;

    private final Class<T> type;
    private final BinaryCodec<T> codec;
    private final JsonSerde<T> legacy;

    RepartitionSerde(Class<T> type, BinaryCodec<T> codec) {
        this.type = type;
        this.codec = codec;
        this.legacy = JsonSerde.of(type);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        BinaryOutput out = new BinaryOutput(INITIAL_BYTES);
        out.writeByte(BINARY_V1);
        codec.write(data, out);
        return out.toByteArray();
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SkippedRecordException(SkipReason.UNREADABLE, "empty " + type.getSimpleName() + " on " + topic);
        }
        int format = data[0] & 0xFF;
        if (format == BINARY_V1) {
            return binary(topic, data);
        }
        if (isJsonStart(format)) {
            return legacy.readOrSkip(topic, data);
        }
        throw new SkippedRecordException(SkipReason.UNSUPPORTED_SCHEMA, type.getSimpleName() + " of format " + format
                + " on " + topic + " is not one this build reads");
    }

    private T binary(String topic, byte[] data) {
        try {
            BinaryInput in = new BinaryInput(data, 1);
            T value = codec.read(in);
            in.end();
            return value;
        } catch (MalformedRecordException e) {
            throw new SkippedRecordException(SkipReason.UNREADABLE, "cannot read " + type.getSimpleName() + " from "
                    + topic + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // a record's constructor refused the components (a missing id, two kinds set): the kind suffices
            throw new SkippedRecordException(SkipReason.UNREADABLE, "cannot read " + type.getSimpleName() + " from "
                    + topic + ": " + e.getClass().getSimpleName());
        }
    }

    private static boolean isJsonStart(int b) {
        return b == '{' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // the format is fixed: nothing to configure
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
