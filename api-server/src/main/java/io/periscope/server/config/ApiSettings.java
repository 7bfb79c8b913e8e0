package io.periscope.server.config;

import io.periscope.discovery.view.RuleLimits;
import io.periscope.events.kafka.RecordSizeLimit;
import java.time.Duration;

/**
 * The REST API and the catalog read model behind it.
 *
 * @param maxSpecBytes   the largest API document accepted by the spec diff upload; larger uploads get 413
 * @param maxChanges     catalog changes the read model keeps in memory for the change feed
 * @param lagTimeout     how long the pipeline status waits for Kafka when computing consumer lag
 * @param maxRecordBytes the largest record the API writes to a topic (rule sets, tokens, sessions); larger get 413
 * @param maxRulesPerService the most template rules one service may have; one more gets 413
 * @param specWorkers    threads that import and diff uploaded API documents, off the event loop
 * @param specQueue      uploads waiting for a spec worker; beyond, 503 at once
 * @param specTimeLimit  longest time from upload to diff; beyond, 503 and the import is cancelled
 */
public record ApiSettings(int maxSpecBytes, int maxChanges, Duration lagTimeout, int maxRecordBytes, int maxRulesPerService,
                          int specWorkers, int specQueue, Duration specTimeLimit) {
    private static final int DEFAULT_MAX_SPEC_BYTES = 5 * 1024 * 1024;

    static ApiSettings read(ConfigReader config) {
        Duration lagTimeout = config.duration("periscope.api.lag-timeout", Duration.ofSeconds(3));
        if (lagTimeout.isZero()) {
            throw new ConfigurationException("periscope.api.lag-timeout", "0", "expected a positive duration such as 3s");
        }
        Duration specTimeLimit = config.duration("periscope.api.spec-time-limit", Duration.ofSeconds(10));
        if (specTimeLimit.isZero()) {
            throw new ConfigurationException("periscope.api.spec-time-limit", "0", "expected a positive duration such as 10s");
        }
        return new ApiSettings(
                config.integer("periscope.api.max-spec-bytes", DEFAULT_MAX_SPEC_BYTES, 1024, 64 * 1024 * 1024),
                config.integer("periscope.discovery.view.max-changes", 10_000, 100, 1_000_000),
                lagTimeout,
                // below the producer's 1 MiB max.request.size and the topics' default max.message.bytes
                config.integer(RecordSizeLimit.KEY, RecordSizeLimit.DEFAULT_MAX_BYTES, 1024, 900 * 1024),
                config.integer(RuleLimits.MAX_RULES_KEY, RuleLimits.DEFAULT_MAX_RULES_PER_SERVICE, 1, 10_000),
                config.integer("periscope.api.spec-workers", 2, 1, 64),
                config.integer("periscope.api.spec-queue", 8, 1, 10_000),
                specTimeLimit);
    }

    /** The size limit of every record the API writes. */
    public RecordSizeLimit recordSize() {
        return new RecordSizeLimit(maxRecordBytes);
    }

    /** The limits of a service's template rules. */
    public RuleLimits ruleLimits() {
        return new RuleLimits(maxRulesPerService, recordSize());
    }
}
