package io.periscope.server.config;

import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.ProbedPathsConfig;
import io.periscope.discovery.streams.InputLimits;
import io.periscope.discovery.template.TrailingSlash;
import io.periscope.sensitive.CustomType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The discovery role: its Kafka Streams application and the catalog rules (keys {@code periscope.discovery.*}).
 *
 * @param applicationId  Kafka Streams application id (consumer group and changelog prefix)
 * @param stateDir       local state stores; restored from the changelog when lost
 * @param threads        stream threads in this process
 * @param commitInterval how often offsets are committed
 * @param catalog        the catalog rules: templating thresholds, limits, sensitive data
 * @param inputs         bounds on input records; a record beyond them is skipped and counted
 */
public record DiscoverySettings(String applicationId, Path stateDir, int threads, Duration commitInterval,
                                DiscoveryConfig catalog, InputLimits inputs) {
    private static final String P = "periscope.discovery.";

    static DiscoverySettings read(ConfigReader c, Path dataDir) {
        DiscoveryConfig d = DiscoveryConfig.defaults();
        try {
            DiscoveryConfig catalog = new DiscoveryConfig(
                    c.duration(P + "flush-interval", d.flushInterval()),
                    c.duration(P + "stale-after", d.staleAfter()),
                    c.integer(P + "templating.min-siblings", d.minSiblings(), 2, 1_000_000),
                    c.fraction(P + "templating.min-shape-similarity", d.minShapeSimilarity()),
                    c.integer(P + "limits.max-endpoints-per-service", d.maxEndpointsPerService(), 1, 10_000_000),
                    c.integer(P + "limits.max-parameters-per-endpoint", d.maxParametersPerEndpoint(), 1, 100_000),
                    c.integer(P + "enums.max-values", d.maxEnumValues(), 1, 1000),
                    c.integer(P + "enums.min-samples", d.minEnumSamples(), 1, 1_000_000),
                    c.string(P + "sensitive.phone-region", d.phoneRegion()),
                    new HashSet<>(c.list(P + "ignored-request-headers", List.copyOf(d.ignoredRequestHeaders()))),
                    customTypes(c),
                    TrailingSlash.valueOf(c.string(P + "paths.trailing-slash", "strip").toUpperCase(Locale.ROOT)),
                    probedPaths(c, d.probedPaths()));
            return new DiscoverySettings(
                    c.string(P + "application-id", "periscope-discovery"),
                    Path.of(c.string(P + "state-dir", dataDir.resolve("discovery").toString())),
                    c.integer(P + "threads", 1, 1, 64),
                    c.duration(P + "commit-interval", Duration.ofSeconds(5)),
                    catalog,
                    new InputLimits(
                            c.integer(P + "limits.max-record-bytes", InputLimits.DEFAULT_MAX_RECORD_BYTES, 1024, 64 * 1024 * 1024),
                            c.integer(P + "limits.max-rules-per-service", InputLimits.DEFAULT_MAX_RULES_PER_SERVICE, 1, 10_000)));
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e);
        }
    }

    /** {@code periscope.discovery.probed-paths.*}: what keeps a path out of the catalog as a probe. */
    private static ProbedPathsConfig probedPaths(ConfigReader c, ProbedPathsConfig d) {
        String p = P + "probed-paths.";
        List<Integer> statuses = c.list(p + "not-found-statuses", d.notFoundStatuses().stream().sorted().map(String::valueOf).toList(),
                s -> {
                    int status = Integer.parseInt(s);
                    if (status < 100 || status > 599) {
                        throw new IllegalArgumentException("not an HTTP status");
                    }
                    return status;
                }, "HTTP statuses (100..599), comma-separated");
        return new ProbedPathsConfig(new HashSet<>(statuses),
                c.integer(p + "max-per-service", d.maxPerService(), 1, 1_000_000),
                c.integer(p + "finding.probes-per-client", d.probesPerClient(), 1, 1_000_000),
                c.duration(p + "finding.window", d.window()));
    }

    /**
     * {@code periscope.discovery.sensitive.custom.<name>.key-pattern|value-regex|validator}; read by the receiver
     * role too, which masks these types before publishing.
     */
    static List<CustomType> customTypes(ConfigReader c) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        c.map(P + "sensitive.custom").forEach((key, value) -> {
            int dot = key.lastIndexOf('.');
            if (dot <= 0) {
                throw new ConfigurationException(P + "sensitive.custom." + key, value,
                        "expected periscope.discovery.sensitive.custom.<name>.key-pattern, .value-regex or .validator");
            }
            byName.computeIfAbsent(key.substring(0, dot), n -> new TreeMap<>()).put(key.substring(dot + 1), value);
        });
        List<CustomType> out = new ArrayList<>();
        byName.forEach((name, fields) -> {
            String prefix = P + "sensitive.custom." + name + ".";
            CustomType.Validator validator;
            try {
                validator = CustomType.Validator.valueOf(fields.getOrDefault("validator", "NONE").trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(prefix + "validator", fields.get("validator"), "expected none, luhn or mod97");
            }
            out.add(new CustomType(name, fields.get("key-pattern"), fields.get("value-regex"), validator));
        });
        return out;
    }
}
