package io.periscope.detection.streams.binary;

/**
 * A repartition or state record whose binary form does not hold together (truncated, a length over its cap, an
 * unknown enum constant, trailing bytes). The message says what was wrong and never quotes the payload.
 */
public final class MalformedRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }

    /** Malformed records can arrive by the thousand; the message says what failed, the stack says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
