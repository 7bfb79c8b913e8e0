package io.periscope.discovery.view;

import io.periscope.events.kafka.RecordSizeLimit;

/**
 * Bounds on the template rules of one service, checked before a rule set is written.
 *
 * @param maxRulesPerService the most rules a service may have ({@code periscope.api.max-rules-per-service})
 * @param recordSize         the largest serialized rule set ({@code periscope.api.max-record-bytes})
 */
public record RuleLimits(int maxRulesPerService, RecordSizeLimit recordSize) {
    /** 200 rules: far more than templating needs for one service, and 200 maximal rules stay under 256 KiB. */
    public static final int DEFAULT_MAX_RULES_PER_SERVICE = 200;
    public static final String MAX_RULES_KEY = "periscope.api.max-rules-per-service";

    public static RuleLimits defaults() {
        return new RuleLimits(DEFAULT_MAX_RULES_PER_SERVICE, new RecordSizeLimit(RecordSizeLimit.DEFAULT_MAX_BYTES));
    }
}
