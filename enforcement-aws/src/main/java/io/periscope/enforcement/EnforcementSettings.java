package io.periscope.enforcement;

import io.periscope.enforcement.apigateway.ApiGatewaySettings;
import io.periscope.enforcement.policy.BlockPolicy;
import io.periscope.enforcement.reconcile.Backoff;
import io.periscope.enforcement.safety.SafetySettings;
import io.periscope.enforcement.waf.IpSetSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the enforcement stage needs, validated by the caller ({@code api-server} reads
 * {@code periscope.enforcement.*}).
 *
 * @param policy             what blocks, for how long, caps, mode
 * @param safety             what never blocks
 * @param wafIpv4            the IPv4 IP set, null when WAF is not used
 * @param wafIpv6            the IPv6 IP set, null when WAF is not used
 * @param apiGateway         REST API resource policies and API keys
 * @param region             AWS region, null: the default provider chain
 * @param endpointOverride   WAF endpoint (tests, VPC endpoints), null: the public one
 * @param apiGatewayEndpoint API Gateway endpoint, null: the public one
 * @param reconcileInterval  time between reconcile rounds
 * @param mutationInterval   least time between two mutations of one IP set (WAF allows about one per second)
 * @param backoff            retries of one AWS operation within a round
 * @param propagationWindow  how long after a block is applied traffic from it counts as "block not effective"
 */
public record EnforcementSettings(BlockPolicy policy, SafetySettings safety, IpSetSettings wafIpv4,
                                  IpSetSettings wafIpv6, ApiGatewaySettings apiGateway, String region,
                                  URI endpointOverride, URI apiGatewayEndpoint, Duration reconcileInterval,
                                  Duration mutationInterval, Backoff backoff, Duration propagationWindow) {

    public EnforcementSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(apiGateway, "apiGateway");
        if (wafIpv4 != null && wafIpv4.ipv6() || wafIpv6 != null && !wafIpv6.ipv6()) {
            throw new IllegalArgumentException("the IPv4 and IPv6 IP sets are swapped");
        }
    }

    /** Dry-run, nothing configured in AWS. */
    public static EnforcementSettings defaults() {
        return new EnforcementSettings(BlockPolicy.defaults(), SafetySettings.singleAddresses(), null, null,
                ApiGatewaySettings.none(), null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Backoff.defaults(), Duration.ofMinutes(2));
    }

    public EnforcementSettings withPolicy(BlockPolicy newPolicy) {
        return new EnforcementSettings(newPolicy, safety, wafIpv4, wafIpv6, apiGateway, region, endpointOverride,
                apiGatewayEndpoint, reconcileInterval, mutationInterval, backoff, propagationWindow);
    }
}
