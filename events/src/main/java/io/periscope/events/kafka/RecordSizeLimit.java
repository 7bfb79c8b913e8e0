package io.periscope.events.kafka;

/**
 * The largest serialized record the API writes to a shared topic ({@code periscope.api.max-record-bytes}); readers
 * use the same type for the largest record they parse ({@link TopicReader#withMaxBytes(int)}).
 *
 * <p>Why a limit of our own: the producer refuses records over {@code max.request.size} (1 MiB by default) and
 * the broker those over the topic's {@code max.message.bytes}; either failure used to surface as a 500 after the
 * record was built, and a record that passed both could still make a downstream stage write an even larger one
 * (discovery's state changelog). Checking here, well below both, turns every such case into a clear 413.
 *
 * @param maxBytes the largest serialized value accepted, in bytes
 */
public record RecordSizeLimit(int maxBytes) {
    /** 256 KiB: a quarter of the producer's default request size, ample for 200 rules of 500-character patterns. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    /** The configuration key that sets the limit, named in every rejection. */
    public static final String KEY = "periscope.api.max-record-bytes";

    public RecordSizeLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
    }

    /** Whether {@code value} is within the limit; a tombstone (null) always is. */
    public boolean fits(byte[] value) {
        return value == null || value.length <= maxBytes;
    }

    /**
     * Returns {@code value} when it fits, else throws.
     *
     * @param what a description for the message, e.g. "the rule set of service x"; never the record itself
     */
    public byte[] check(String what, byte[] value) {
        if (!fits(value)) {
            throw new RecordLimitExceededException(what + " would be " + value.length + " bytes; the limit is " + maxBytes
                    + " (" + KEY + ")");
        }
        return value;
    }
}
