package io.periscope.discovery.catalog;

import io.periscope.discovery.template.TrailingSlash;
import io.periscope.sensitive.CustomType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Configuration of discovery ({@code periscope.discovery.*}). See docs/discovery.md for each key.
 *
 * @param flushInterval            how often changed endpoint snapshots are written to the store and the catalog topic
 * @param staleAfter               an endpoint not seen for this long is reported stale
 * @param minSiblings              distinct sibling literals needed before they can be merged into a parameter
 * @param minShapeSimilarity       share of siblings that must share the dominant response shape to merge
 * @param maxEndpointsPerService   endpoints kept per service; exchanges for new endpoints beyond it are counted and dropped
 * @param maxParametersPerEndpoint parameters kept per endpoint; further parameters are counted and dropped
 * @param maxEnumValues            at most this many distinct values make an enum
 * @param minEnumSamples           an enum needs at least this many observations
 * @param phoneRegion              region for phone numbers written without a country code
 * @param ignoredRequestHeaders    request headers (lower case) that are transport plumbing, not API parameters
 * @param customSensitiveTypes     user-defined sensitive types
 * @param trailingSlash            whether {@code /users/} is another endpoint than {@code /users} (null: {@code STRIP})
 * @param probedPaths              what keeps a path out of the catalog as a probe (null: the defaults)
 */
public record DiscoveryConfig(
        Duration flushInterval,
        Duration staleAfter,
        int minSiblings,
        double minShapeSimilarity,
        int maxEndpointsPerService,
        int maxParametersPerEndpoint,
        int maxEnumValues,
        int minEnumSamples,
        String phoneRegion,
        Set<String> ignoredRequestHeaders,
        List<CustomType> customSensitiveTypes,
        TrailingSlash trailingSlash,
        ProbedPathsConfig probedPaths) {

    public static final Set<String> DEFAULT_IGNORED_HEADERS = Set.of("host", "content-length", "connection", "accept",
            "accept-encoding", "accept-language", "user-agent", "content-type", "cookie", "authorization",
            "proxy-authorization", "transfer-encoding", "te", "upgrade", "keep-alive", "cache-control", "pragma",
            "if-none-match", "if-modified-since", "origin", "referer", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-port", "x-forwarded-host", "forwarded", "x-real-ip", "x-amzn-trace-id", "expect", "dnt",
            "sec-fetch-mode", "sec-fetch-site", "sec-fetch-dest", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform",
            "upgrade-insecure-requests", "priority");

    public DiscoveryConfig {
        requirePositive(flushInterval, "flush-interval");
        requirePositive(staleAfter, "stale-after");
        if (minSiblings < 2) {
            throw new IllegalArgumentException("periscope.discovery.templating.min-siblings must be at least 2, was " + minSiblings);
        }
        if (minShapeSimilarity < 0 || minShapeSimilarity > 1) {
            throw new IllegalArgumentException("periscope.discovery.templating.min-shape-similarity must be within 0..1, was "
                    + minShapeSimilarity);
        }
        if (maxEndpointsPerService < 1 || maxParametersPerEndpoint < 1 || maxEnumValues < 1 || minEnumSamples < 1) {
            throw new IllegalArgumentException("periscope.discovery limits must be positive");
        }
        phoneRegion = phoneRegion == null ? "US" : phoneRegion.toUpperCase(Locale.ROOT);
        ignoredRequestHeaders = ignoredRequestHeaders == null ? DEFAULT_IGNORED_HEADERS : Set.copyOf(ignoredRequestHeaders);
        customSensitiveTypes = customSensitiveTypes == null ? List.of() : List.copyOf(customSensitiveTypes);
        trailingSlash = trailingSlash == null ? TrailingSlash.STRIP : trailingSlash;
        probedPaths = probedPaths == null ? ProbedPathsConfig.defaults() : probedPaths;
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("periscope.discovery." + key + " must be a positive duration, was " + d);
        }
    }

    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(Duration.ofSeconds(1), Duration.ofDays(7), 5, 0.8, 5000, 200, 10, 10, "US",
                DEFAULT_IGNORED_HEADERS, List.of(), TrailingSlash.STRIP, ProbedPathsConfig.defaults());
    }
}
