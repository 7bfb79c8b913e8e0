package io.periscope.events.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The record header that marks a binary value and names its schema: {@value #NAME}, the schema id as 4 bytes,
 * big-endian (the width a schema registry's ids have). A record without it is JSON, the format every topic had before;
 * so a reader needs no setting to read a topic where both are mixed.
 */
public final class SchemaIdHeader {
    public static final String NAME = "periscope.schema.id";

    private SchemaIdHeader() {
    }

    /** The header's value for {@code schemaId}. */
    public static byte[] value(int schemaId) {
        return new byte[] {(byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId};
    }

    /**
     * The schema id the record declares, or -1 when it has no such header (a JSON record). The last header of the name
     * counts, as Kafka's {@link Headers#lastHeader} has it.
     *
     * @throws SkippedRecordException ({@link SkipReason#UNREADABLE}) when the header is not 4 bytes
     */
    static int of(Headers headers, String type, String topic) {
        Header h = headers == null ? null : headers.lastHeader(NAME);
        if (h == null) {
            return -1;
        }
        byte[] v = h.value();
        if (v == null || v.length != 4) {
            throw new SkippedRecordException(SkipReason.UNREADABLE, type + " on " + topic + " has a " + NAME
                    + " header of " + (v == null ? "no value" : v.length + " bytes") + ", not 4");
        }
        int id = ((v[0] & 0xFF) << 24) | ((v[1] & 0xFF) << 16) | ((v[2] & 0xFF) << 8) | (v[3] & 0xFF);
        if (id < 0) {
            throw new SkippedRecordException(SkipReason.UNSUPPORTED_SCHEMA, type + " on " + topic + " declares schema id "
                    + id);
        }
        return id;
    }
}
