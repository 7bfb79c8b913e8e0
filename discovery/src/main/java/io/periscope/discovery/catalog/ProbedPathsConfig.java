package io.periscope.discovery.catalog;

import java.time.Duration;
import java.util.Set;

/**
 * How discovery tells probes from endpoints ({@code periscope.discovery.probed-paths.*}, see docs/discovery.md).
 *
 * @param notFoundStatuses statuses that do not prove a path exists: a path that only ever got these stays a probed
 *                         path, outside the catalog
 * @param maxPerService    probed paths kept per service; the least recently probed one is evicted for a new one
 * @param probesPerClient  "not found" answers on probed paths one client must get within {@code window} to raise
 *                         a {@code CONTENT_DISCOVERY_PROBES} finding
 * @param window           the window of {@code probesPerClient}
 */
public record ProbedPathsConfig(Set<Integer> notFoundStatuses, int maxPerService, int probesPerClient, Duration window) {
    public static final Set<Integer> DEFAULT_NOT_FOUND = Set.of(404, 405);

    public ProbedPathsConfig {
        notFoundStatuses = notFoundStatuses == null ? DEFAULT_NOT_FOUND : Set.copyOf(notFoundStatuses);
        for (int s : notFoundStatuses) {
            if (s < 100 || s > 599) {
                throw new IllegalArgumentException("periscope.discovery.probed-paths.not-found-statuses must be HTTP statuses, was " + s);
            }
        }
        if (maxPerService < 1 || probesPerClient < 1) {
            throw new IllegalArgumentException("periscope.discovery.probed-paths limits must be positive");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("periscope.discovery.probed-paths.finding-window must be a positive duration, was " + window);
        }
    }

    /**
     * 1000 paths per service hold a wordlist scan's distinct hits many times over while bounding the state of a
     * service at about 2 MiB (a sketch of 1 KiB per path); 20 misses in a minute is far above what a browser or
     * client with a stale link produces and far below any scanner's rate.
     */
    public static ProbedPathsConfig defaults() {
        return new ProbedPathsConfig(DEFAULT_NOT_FOUND, 1000, 20, Duration.ofMinutes(1));
    }

    /**
     * Whether an answer of {@code status} says the path does not exist. No answer ({@code null}: a lost response, a
     * timeout) says nothing either way, and such an exchange is cataloged as before: a real endpoint that only ever
     * times out must stay visible.
     */
    boolean notFound(Integer status) {
        return status != null && notFoundStatuses.contains(status);
    }
}
