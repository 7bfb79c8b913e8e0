package io.periscope.enforcement.safety;

/** Why the safety checks refused a block target; the tag of the refusal metric and the audit detail. */
public enum SafetyRefusal {
    /** Not an IP address or CIDR. */
    INVALID("not an IP address or CIDR"),
    /** {@code /0}: the whole address family. */
    ZERO_PREFIX("a /0 would block every client"),
    /** Wider than the policy's narrowest allowed prefix. */
    TOO_WIDE("wider than the policy allows"),
    /** Private, loopback, link-local, multicast, unspecified or otherwise reserved: never a client on the internet. */
    NON_PUBLIC("a private, reserved, link-local, multicast or loopback range"),
    /** Inside (or covering) an allowlisted CIDR. */
    ALLOWLISTED("allowlisted"),
    /** A trusted proxy: blocking it blocks everyone behind it. */
    TRUSTED_PROXY("a trusted proxy"),
    /** One of the load balancers in front of the application. */
    LOAD_BALANCER("a load balancer"),
    /** One of the analyzer's own addresses. */
    OWN_ADDRESS("one of Periscope's own addresses"),
    /**
     * The address was not the resolved client address of the actor's requests: it came only from a client-supplied
     * header left of a trusted hop (spoofable), so blocking it could hit a victim.
     */
    NOT_RESOLVED_CLIENT("not a resolved client address (only seen in a spoofable header)");

    private final String description;

    SafetyRefusal(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
