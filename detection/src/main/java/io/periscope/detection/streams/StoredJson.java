package io.periscope.detection.streams;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.periscope.events.kafka.EventJson;

import java.io.IOException;

/**
 * The stored form of one kind of keyed state (objects, campaigns, request schemas), read and written as JSON with
 * sketches as their bytes, as {@link StateCodec} does for actors: a stored value that cannot be read (a format from
 * another build) yields null, the caller counts it and starts that key again.
 */
final class StoredJson<T> {
    private final ObjectReader reader;
    private final ObjectWriter writer;

    StoredJson(Class<T> type) {
        this.reader = EventJson.mapper().readerFor(type);
        this.writer = EventJson.mapper().writerFor(type);
    }

    T read(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    byte[] write(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("detection state is not serializable", e);
        }
    }
}
