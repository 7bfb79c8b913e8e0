package io.periscope.events.http.avro;

/**
 * Bytes that are not an exchange in the frozen Avro schema: too short, a length or item count beyond what the record
 * holds, a union branch or enum symbol the schema does not have, bytes left over. The message says what and at which
 * byte offset, never the bytes themselves (a payload may hold what the sensor failed to recognise as a secret).
 */
public final class MalformedAvroException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedAvroException(String message) {
        super(message);
    }

    /** Hostile records can arrive by the thousand; the message says where they failed, the stack says nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
