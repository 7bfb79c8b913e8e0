package io.periscope.events.kafka;

/**
 * A record a user asked for is larger, or holds more items, than the documented limit of its topic. Raised
 * before anything is sent to Kafka, so the broker never sees the record; the REST API answers it with 413.
 * The message names the limit and its configuration key and never quotes the record.
 */
public final class RecordLimitExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordLimitExceededException(String message) {
        super(message, null, false, false);
    }
}
