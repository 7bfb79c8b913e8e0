package io.periscope.server.config;

import io.periscope.enforcement.EnforcementSettings;
import io.periscope.enforcement.apigateway.ApiGatewaySettings;
import io.periscope.enforcement.policy.BlockPolicy;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.enforcement.reconcile.Backoff;
import io.periscope.enforcement.safety.BlockSafety;
import io.periscope.enforcement.safety.SafetySettings;
import io.periscope.enforcement.waf.IpSetSettings;
import io.periscope.events.detection.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code periscope.enforcement.*} into the enforcement stage's settings. The trusted proxies are not configured
 * again: they are the union of those of reassembly ({@code periscope.reassembly.trusted-proxies}) and of the HTTP server
 * ({@code periscope.http.trusted-proxies}), so the addresses whose headers Periscope believes are exactly the addresses
 * it never blocks.
 */
public final class EnforcementConfig {
    private static final String P = "periscope.enforcement.";

    private EnforcementConfig() {
    }

    public static EnforcementSettings read(ConfigReader c, List<String> trustedProxies) {
        BlockPolicy d = BlockPolicy.defaults();
        EnforcementMode mode = c.enumValue(P + "mode", EnforcementMode.class, d.mode());
        List<Duration> ladder = new ArrayList<>();
        for (String step : c.list(P + "ttl", List.of("1h", "6h", "24h", "7d"))) {
            // each step in the one duration syntax of every setting, read through a one-key source
            ladder.add(new ConfigReader(key -> Optional.of(step)).duration(P + "ttl", null));
        }
        if (ladder.isEmpty() || ladder.stream().anyMatch(Duration::isZero)) {
            throw new ConfigurationException(P + "ttl", ladder, "expected one or more positive durations, shortest first");
        }
        int maxActive = c.integer(P + "max-active", d.maxActive(), 1, BlockPolicy.WAF_IP_SET_LIMIT - 1);
        BlockPolicy policy = new BlockPolicy(mode, new HashSet<>(c.list(P + "attack-types", List.of())),
                c.fraction(P + "min-confidence", d.minConfidence()),
                c.enumValue(P + "min-severity", Severity.class, d.minSeverity()), ladder,
                c.integer(P + "max-new-per-hour", d.maxNewPerHour(), 0, 100_000), maxActive,
                c.integer(P + "max-addresses-per-incident", d.maxAddressesPerIncident(), 1, 1_000));
        Set<String> proxies = new LinkedHashSet<>(trustedProxies);
        SafetySettings safety = new SafetySettings(
                cidrs(c, P + "allowlist"), List.copyOf(proxies), cidrs(c, P + "load-balancers"),
                cidrs(c, P + "own-addresses"),
                c.integer(P + "ipv4-max-prefix", 32, 8, 32), c.integer(P + "ipv6-max-prefix", 128, 32, 128));
        String scope = c.string(P + "waf.scope", "REGIONAL");
        if (!scope.equals("REGIONAL") && !scope.equals("CLOUDFRONT")) {
            throw new ConfigurationException(P + "waf.scope", scope, "expected REGIONAL or CLOUDFRONT");
        }
        Map<String, List<String>> restApis = new LinkedHashMap<>();
        c.map(P + "api-gateway.rest-apis").forEach((api, stages) -> restApis.put(api, splitStages(stages)));
        String sid = c.string(P + "api-gateway.sid", ApiGatewaySettings.DEFAULT_SID);
        if (!sid.matches("[A-Za-z0-9]{1,64}")) {
            throw new ConfigurationException(P + "api-gateway.sid", sid, "expected 1 to 64 letters and digits");
        }
        ApiGatewaySettings apiGateway = new ApiGatewaySettings(restApis, c.map(P + "api-gateway.api-keys"), sid,
                c.integer(P + "api-gateway.max-policy-chars", ApiGatewaySettings.POLICY_LIMIT, 1_000,
                        ApiGatewaySettings.POLICY_LIMIT));
        String region = c.string(P + "aws.region", "");
        return new EnforcementSettings(policy, safety, ipSet(c, "ipv4", scope, false), ipSet(c, "ipv6", scope, true),
                apiGateway, region.isEmpty() ? null : region, uri(c, P + "aws.waf-endpoint"),
                uri(c, P + "aws.api-gateway-endpoint"),
                positive(c, P + "reconcile-interval", Duration.ofSeconds(5)),
                c.duration(P + "mutation-interval", Duration.ofSeconds(1)),
                Backoff.defaults(), c.duration(P + "propagation-window", Duration.ofMinutes(2)));
    }

    private static IpSetSettings ipSet(ConfigReader c, String family, String scope, boolean ipv6) {
        String name = c.string(P + "waf." + family + ".name", "");
        String id = c.string(P + "waf." + family + ".id", "");
        if (name.isEmpty() != id.isEmpty()) {
            throw new ConfigurationException(P + "waf." + family, name.isEmpty() ? "id only" : "name only",
                    "expected both name and id of the IP set, or neither");
        }
        return name.isEmpty() ? null : new IpSetSettings(name, id, scope, ipv6);
    }

    private static List<String> splitStages(String stages) {
        List<String> out = new ArrayList<>();
        for (String stage : stages.split(",")) {
            if (!stage.isBlank()) {
                out.add(stage.trim());
            }
        }
        return out;
    }

    private static List<String> cidrs(ConfigReader c, String key) {
        return c.list(key, List.of(), value -> {
            if (BlockSafety.canonicalCidr(value) == null) {
                throw new IllegalArgumentException(value);
            }
            return value;
        }, "expected a list of IP addresses or CIDRs");
    }

    private static URI uri(ConfigReader c, String key) {
        String raw = c.string(key, "");
        if (raw.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new ConfigurationException(key, raw, "expected an absolute URL such as https://wafv2.us-east-1.amazonaws.com");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationException(key, raw, "expected an absolute URL such as https://wafv2.us-east-1.amazonaws.com");
        }
    }

    private static Duration positive(ConfigReader c, String key, Duration defaultValue) {
        Duration d = c.duration(key, defaultValue);
        if (d.isZero()) {
            throw new ConfigurationException(key, d, "expected a positive duration");
        }
        return d;
    }
}
