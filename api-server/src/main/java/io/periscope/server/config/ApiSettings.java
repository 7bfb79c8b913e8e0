package io.periscope.server.config;

import java.time.Duration;

/**
 * The REST API and the catalog read model behind it.
 *
 * @param maxSpecBytes   the largest API document accepted by the spec diff upload; larger uploads get 413
 * @param maxChanges     catalog changes the read model keeps in memory for the change feed
 * @param lagTimeout     how long the pipeline status waits for Kafka when computing consumer lag
 * @param specWorkers    threads that import and diff uploaded API documents, off the event loop
 * @param specQueue      uploads waiting for a spec worker; beyond, 503 at once
 * @param specTimeLimit  longest time from upload to diff; beyond, 503 and the import is cancelled
 */
public record ApiSettings(int maxSpecBytes, int maxChanges, Duration lagTimeout, int specWorkers, int specQueue,
                          Duration specTimeLimit) {
    public static final int DEFAULT_MAX_SPEC_BYTES = 5 * 1024 * 1024;

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
                config.integer("periscope.api.spec-workers", 2, 1, 64),
                config.integer("periscope.api.spec-queue", 8, 1, 10_000),
                specTimeLimit);
    }
}
