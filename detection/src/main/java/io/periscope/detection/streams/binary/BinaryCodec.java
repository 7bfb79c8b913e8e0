package io.periscope.detection.streams.binary;

/** The layout of one record type in {@link RepartitionFormat}: what is written, in which order. */
public interface BinaryCodec<T> {
    void write(T value, BinaryOutput out);

    /** Reads what {@link #write} wrote; a record that does not hold together throws {@link MalformedRecordException}. */
    T read(BinaryInput in);
}
