package io.periscope.detection.signature.ssrf;

/** What a URL's host is, from a server's point of view; ordered from the most to the least alarming. */
enum HostClass {
    /** A cloud instance metadata service (AWS, GCP, Azure, Alibaba, Oracle, ECS task metadata). */
    CLOUD_METADATA("ssrf.cloud-metadata", 0.95),
    /** The server itself: loopback, the unspecified address, {@code localhost}. */
    LOOPBACK("ssrf.loopback", 0.85),
    /** Link-local (169.254/16, fe80::/10): reachable only from the host's own network segment. */
    LINK_LOCAL("ssrf.link-local", 0.8),
    /** Private, carrier-grade NAT or unique-local addresses, and internal-only names. */
    INTERNAL("ssrf.internal-host", 0.7),
    /** A public address or an ordinary name. */
    PUBLIC("", 0);

    final String rule;
    final double confidence;

    HostClass(String rule, double confidence) {
        this.rule = rule;
        this.confidence = confidence;
    }
}
