package io.periscope.detection.streams;

import io.periscope.detection.streams.binary.BinaryCodec;
import io.periscope.detection.streams.binary.BinaryInput;
import io.periscope.detection.streams.binary.BinaryOutput;

/**
 * The stored form of one kind of keyed state (objects, request schemas): a format byte, then the type's
 * {@link BinaryCodec}. Those stores are read and written once per access, so their JSON (field names, reflection)
 * showed in the stream thread's profile. Values that builds before this one wrote as JSON (they start with '{')
 * are still read, so an upgrade keeps what was learned. A value that cannot be read yields null: the caller counts
 * it and starts that key again, as with {@link StoredJson}.
 */
final class StoredBinary<T> {
    static final int BINARY_V1 = 1;
    /** A small state's size without growing. */
    private static final int INITIAL_BYTES = 128;

    private final BinaryCodec<T> codec;
    private final StoredJson<T> legacy;

    StoredBinary(Class<T> type, BinaryCodec<T> codec) {
        this.codec = codec;
        this.legacy = new StoredJson<>(type);
    }

    T read(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        if (bytes[0] == '{') {
            return legacy.read(bytes);
        }
        if (bytes[0] != BINARY_V1) {
            return null;
        }
        try {
            BinaryInput in = new BinaryInput(bytes, 1);
            T value = codec.read(in);
            in.end();
            return value;
        } catch (RuntimeException e) {
            return null;
        }
    }

    byte[] write(T value) {
        BinaryOutput out = new BinaryOutput(INITIAL_BYTES);
        out.writeByte(BINARY_V1);
        codec.write(value, out);
        return out.toByteArray();
    }
}
