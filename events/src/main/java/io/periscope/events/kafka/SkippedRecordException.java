package io.periscope.events.kafka;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that {@link TopicReader#deserializer()} will not hand on, with the reason, so that the Kafka Streams
 * deserialization handler can count it by reason. A {@link SerializationException}, so code that only knows
 * Kafka's contract still treats it as an unreadable record. The message names the type, topic and the kind of
 * failure, never the payload.
 */
public final class SkippedRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    /** For deserializers of a stage's own internal topics, so their skips are counted by the same reasons. */
    public SkippedRecordException(SkipReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }

    /** The reason {@code e} stands for: its own, or {@link SkipReason#UNREADABLE} for any other failure to read. */
    public static SkipReason reasonOf(Throwable e) {
        return e instanceof SkippedRecordException s ? s.reason() : SkipReason.UNREADABLE;
    }

    /** Poison records can arrive by the thousand; where they failed is in the message, the stack says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
