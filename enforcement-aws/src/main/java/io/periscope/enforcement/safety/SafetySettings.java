package io.periscope.enforcement.safety;

import java.util.List;

/**
 * What must never be blocked, from configuration ({@code periscope.enforcement.*}). Every list holds CIDRs or
 * single addresses.
 *
 * @param allowlist        configured allowlist ({@code periscope.enforcement.allowlist}); the API adds more
 * @param trustedProxies   the proxies whose forwarding headers reassembly and the HTTP server trust (the same list)
 * @param loadBalancers    the load balancers in front of the application
 * @param ownAddresses     the analyzer's own addresses
 * @param ipv4MaxPrefix    the widest IPv4 block policy allows (32: single addresses only)
 * @param ipv6MaxPrefix    the widest IPv6 block policy allows (128: single addresses only)
 */
public record SafetySettings(List<String> allowlist, List<String> trustedProxies, List<String> loadBalancers,
                             List<String> ownAddresses, int ipv4MaxPrefix, int ipv6MaxPrefix) {

    public SafetySettings {
        allowlist = List.copyOf(allowlist);
        trustedProxies = List.copyOf(trustedProxies);
        loadBalancers = List.copyOf(loadBalancers);
        ownAddresses = List.copyOf(ownAddresses);
        if (ipv4MaxPrefix < 1 || ipv4MaxPrefix > 32) {
            throw new IllegalArgumentException("ipv4MaxPrefix must be 1..32, got " + ipv4MaxPrefix);
        }
        if (ipv6MaxPrefix < 1 || ipv6MaxPrefix > 128) {
            throw new IllegalArgumentException("ipv6MaxPrefix must be 1..128, got " + ipv6MaxPrefix);
        }
    }

    /** Single addresses only, nothing listed. */
    public static SafetySettings singleAddresses() {
        return new SafetySettings(List.of(), List.of(), List.of(), List.of(), 32, 128);
    }
}
