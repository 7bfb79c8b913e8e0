package io.periscope.enforcement.safety;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.periscope.events.detection.ActorAddress;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place that decides whether an address may be blocked. Every block, automatic or manual, passes here
 * before it is recorded; nothing else in enforcement second-guesses it.
 *
 * <p>Rules, in the order they are checked (the first that matches is the refusal):
 * <ol>
 *   <li>an automatic candidate must be a resolved client address ({@link ActorAddress#source()} not null): an address
 *       that only ever appeared in a client-supplied header left of a trusted hop is spoofable and never blocked;</li>
 *   <li>the target parses as an address or CIDR; {@code /0} and anything wider than policy are refused;</li>
 *   <li>the target must not overlap a non-public range (private, loopback, link-local, multicast, unspecified,
 *       carrier-grade NAT, benchmarking, reserved; IPv4-mapped IPv6 is judged as IPv4);</li>
 *   <li>nor overlap an allowlisted CIDR (configuration and API), a trusted proxy, a load balancer or one of
 *       Periscope's own addresses. "Overlap" covers both directions: a /24 containing a proxy is refused too.</li>
 * </ol>
 * Documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are not refused: they are never
 * routed, so blocking one harms no one, and examples and tests use them as attackers.
 */
public final class BlockSafety {
    /** Ranges that are never a client on the internet, beyond what {@link IPAddress}'s predicates cover. */
    private static final List<IPAddress> NON_PUBLIC = parseAll(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "64:ff9b:1::/48", "100::/64", "fc00::/7", "fe80::/10", "ff00::/8"));

    private final SafetySettings settings;
    private final List<IPAddress> configuredAllowlist;
    private final List<IPAddress> trustedProxies;
    private final List<IPAddress> loadBalancers;
    private final List<IPAddress> ownAddresses;
    private final Supplier<Collection<String>> apiAllowlist;

    /**
     * @param apiAllowlist the CIDRs allowlisted through the API, read on every check (a live view)
     */
    public BlockSafety(SafetySettings settings, Supplier<Collection<String>> apiAllowlist) {
        this.settings = settings;
        this.configuredAllowlist = parseAll(settings.allowlist());
        this.trustedProxies = parseAll(settings.trustedProxies());
        this.loadBalancers = parseAll(settings.loadBalancers());
        this.ownAddresses = parseAll(settings.ownAddresses());
        this.apiAllowlist = apiAllowlist;
    }

    /** An automatic candidate: one address of an incident's actor. */
    public SafetyCheck checkActorAddress(ActorAddress address) {
        if (address == null || address.source() == null || address.ip() == null) {
            return SafetyCheck.refuse(SafetyRefusal.NOT_RESOLVED_CLIENT);
        }
        return checkTarget(address.ip());
    }

    /** A target given by an admin (address or CIDR), or an actor address already known to be resolved. */
    public SafetyCheck checkTarget(String target) {
        IPAddress address = parse(target);
        if (address == null) {
            return SafetyCheck.refuse(SafetyRefusal.INVALID);
        }
        int prefix = address.getNetworkPrefixLength() == null ? address.getBitCount() : address.getNetworkPrefixLength();
        if (prefix == 0) {
            return SafetyCheck.refuse(SafetyRefusal.ZERO_PREFIX);
        }
        if (prefix < (address.isIPv4() ? settings.ipv4MaxPrefix() : settings.ipv6MaxPrefix())) {
            return SafetyCheck.refuse(SafetyRefusal.TOO_WIDE);
        }
        IPAddress block = address.toPrefixBlock(prefix);
        if (block.isLoopback() || block.isLinkLocal() || block.isMulticast() || block.isAnyLocal()
                || overlapsAny(block, NON_PUBLIC)) {
            return SafetyCheck.refuse(SafetyRefusal.NON_PUBLIC);
        }
        if (overlapsAny(block, configuredAllowlist) || overlapsAny(block, parseAll(apiAllowlist.get()))) {
            return SafetyCheck.refuse(SafetyRefusal.ALLOWLISTED);
        }
        if (overlapsAny(block, trustedProxies)) {
            return SafetyCheck.refuse(SafetyRefusal.TRUSTED_PROXY);
        }
        if (overlapsAny(block, loadBalancers)) {
            return SafetyCheck.refuse(SafetyRefusal.LOAD_BALANCER);
        }
        if (overlapsAny(block, ownAddresses)) {
            return SafetyCheck.refuse(SafetyRefusal.OWN_ADDRESS);
        }
        return SafetyCheck.allow(canonical(block));
    }

    /** The canonical CIDR form of an address or CIDR ({@code 203.0.113.7/32}), or null when it does not parse. */
    public static String canonicalCidr(String target) {
        IPAddress address = parse(target);
        if (address == null) {
            return null;
        }
        int prefix = address.getNetworkPrefixLength() == null ? address.getBitCount() : address.getNetworkPrefixLength();
        return canonical(address.toPrefixBlock(prefix));
    }

    private static String canonical(IPAddress block) {
        return block.toCanonicalString();
    }

    /** Parses an address or CIDR; an IPv4-mapped IPv6 address becomes IPv4. Null when it is neither. */
    static IPAddress parse(String s) {
        if (s == null || s.isBlank() || s.length() > 64) {
            return null;
        }
        IPAddress address = new IPAddressString(s.trim()).getAddress();
        if (address == null) {
            return null;
        }
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            Integer prefix = address.getNetworkPrefixLength();
            IPAddress v4 = address.toIPv6().getEmbeddedIPv4Address();
            return prefix == null ? v4 : v4.setPrefixLength(Math.max(0, prefix - 96), false);
        }
        return address;
    }

    private static boolean overlapsAny(IPAddress block, List<IPAddress> ranges) {
        for (IPAddress range : ranges) {
            if (range.getIPVersion() == block.getIPVersion() && (range.contains(block) || block.contains(range))) {
                return true;
            }
        }
        return false;
    }

    private static List<IPAddress> parseAll(Collection<String> cidrs) {
        return cidrs.stream().map(BlockSafety::parse).filter(a -> a != null)
                .map(a -> a.getNetworkPrefixLength() == null ? a : a.toPrefixBlock()).toList();
    }
}
