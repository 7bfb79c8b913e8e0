package io.periscope.discovery.testing;

import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.ProbedPathsConfig;
import io.periscope.discovery.template.TrailingSlash;
import java.time.Duration;

/** The default discovery configuration with the one timing a test needs to change. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static DiscoveryConfig flushingEvery(Duration flushInterval) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        return new DiscoveryConfig(flushInterval, d.staleAfter(), d.minSiblings(), d.minShapeSimilarity(),
                d.maxEndpointsPerService(), d.maxParametersPerEndpoint(), d.maxEnumValues(), d.minEnumSamples(),
                d.phoneRegion(), d.ignoredRequestHeaders(), d.customSensitiveTypes(), d.trailingSlash(), d.probedPaths());
    }

    public static DiscoveryConfig trailingSlash(TrailingSlash trailingSlash) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        return new DiscoveryConfig(d.flushInterval(), d.staleAfter(), d.minSiblings(), d.minShapeSimilarity(),
                d.maxEndpointsPerService(), d.maxParametersPerEndpoint(), d.maxEnumValues(), d.minEnumSamples(),
                d.phoneRegion(), d.ignoredRequestHeaders(), d.customSensitiveTypes(), trailingSlash, d.probedPaths());
    }

    public static DiscoveryConfig staleAfter(Duration staleAfter) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        return new DiscoveryConfig(d.flushInterval(), staleAfter, d.minSiblings(), d.minShapeSimilarity(),
                d.maxEndpointsPerService(), d.maxParametersPerEndpoint(), d.maxEnumValues(), d.minEnumSamples(),
                d.phoneRegion(), d.ignoredRequestHeaders(), d.customSensitiveTypes(), d.trailingSlash(), d.probedPaths());
    }

    public static DiscoveryConfig probedPaths(ProbedPathsConfig probedPaths) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        return new DiscoveryConfig(d.flushInterval(), d.staleAfter(), d.minSiblings(), d.minShapeSimilarity(),
                d.maxEndpointsPerService(), d.maxParametersPerEndpoint(), d.maxEnumValues(), d.minEnumSamples(),
                d.phoneRegion(), d.ignoredRequestHeaders(), d.customSensitiveTypes(), d.trailingSlash(), probedPaths);
    }
}
