package io.periscope.events.catalog;

import java.util.List;

/**
 * All template rules of one service, published to {@code periscope.template-rules} keyed by service key.
 * The topic is compacted and co-partitioned with {@code periscope.exchanges}: the latest set is the
 * state, and the discovery task that templates the service receives it.
 */
public record TemplateRuleSet(int schemaVersion, String serviceKey, List<TemplateRule> rules) {
    public static final int SCHEMA_VERSION = 1;

    public TemplateRuleSet {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
