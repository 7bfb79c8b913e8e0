package io.periscope.events.catalog;

import io.periscope.events.Versioned;
import java.util.List;

/**
 * All template rules of one service, published to {@code periscope.template-rules} keyed by service key.
 * The topic is compacted and co-partitioned with {@code periscope.exchanges}: the latest set is the
 * state, and the discovery task that templates the service receives it.
 *
 * <p>{@code version} counts the changes of the set: each write carries the version it replaced plus one, and
 * is made only if the set read before it still had the version it replaced (compare-and-set, see
 * docs/api.md "Concurrent rule changes"). Sets written before versions existed read as version 0.
 *
 * @param schemaVersion the record format, {@link #SCHEMA_VERSION}
 * @param serviceKey    the service (session|host)
 * @param version       the number of changes made to the set, 0 for none
 * @param rules         the rules in force, in the order they were added
 */
public record TemplateRuleSet(int schemaVersion, String serviceKey, long version, List<TemplateRule> rules) implements Versioned {
    public static final int SCHEMA_VERSION = 1;

    public TemplateRuleSet {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** A set without a version, as written before versions existed. */
    public TemplateRuleSet(int schemaVersion, String serviceKey, List<TemplateRule> rules) {
        this(schemaVersion, serviceKey, 0, rules);
    }

    /** The empty set of a service that has no rules yet. */
    public static TemplateRuleSet empty(String serviceKey) {
        return new TemplateRuleSet(SCHEMA_VERSION, serviceKey, 0, List.of());
    }

    /** The next version of this set with other rules. */
    public TemplateRuleSet next(List<TemplateRule> nextRules) {
        return new TemplateRuleSet(SCHEMA_VERSION, serviceKey, version + 1, nextRules);
    }
}
