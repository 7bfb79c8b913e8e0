package io.periscope.discovery.streams;

/**
 * Bounds on what discovery accepts from its input topics; a record beyond them is skipped and counted.
 *
 * @param maxRecordBytes     the largest input record read ({@code periscope.discovery.limits.max-record-bytes})
 * @param maxRulesPerService the most template rules applied to one service
 *                           ({@code periscope.discovery.limits.max-rules-per-service}); a larger set is skipped whole,
 *                           because the service's state (which holds its rules) must fit one changelog record
 */
public record InputLimits(int maxRecordBytes, int maxRulesPerService) {
    /** The exchanges topic's own {@code max.message.bytes}: no record the receiver can publish is refused. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 4 * 1024 * 1024;
    /** Above the API's 200, so a set the API accepts always applies; 500 maximal rules stay well under 1 MiB. */
    public static final int DEFAULT_MAX_RULES_PER_SERVICE = 500;

    public InputLimits {
        if (maxRecordBytes < 1 || maxRulesPerService < 1) {
            throw new IllegalArgumentException("input limits must be positive");
        }
    }

    public static InputLimits defaults() {
        return new InputLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_RULES_PER_SERVICE);
    }
}
