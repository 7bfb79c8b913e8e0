package io.periscope.discovery.streams;

import org.apache.kafka.common.errors.SerializationException;

/** An input record larger than {@link InputLimits#maxRecordBytes()}: not parsed, skipped as {@code oversize}. */
final class OversizeRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;

    OversizeRecordException(String topic, int bytes, int limit) {
        super("record of " + bytes + " bytes on " + topic + " is over the limit of " + limit);
    }
}
