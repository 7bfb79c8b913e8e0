package io.periscope.enforcement.waf;

import java.util.Objects;

/**
 * One dedicated WAF IP set ({@code periscope.enforcement.waf.ipv4.*} / {@code .ipv6.*}).
 *
 * @param name  the IP set's name
 * @param id    the IP set's id
 * @param scope {@code REGIONAL} or {@code CLOUDFRONT}
 * @param ipv6  whether this set holds IPv6 (else IPv4)
 */
public record IpSetSettings(String name, String id, String scope, boolean ipv6) {

    public IpSetSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        if (!"REGIONAL".equals(scope) && !"CLOUDFRONT".equals(scope)) {
            throw new IllegalArgumentException("scope must be REGIONAL or CLOUDFRONT, got " + scope);
        }
    }

    /** The enforcement point name in {@code BlockRecord.appliedTo}. */
    public String point() {
        return "waf:" + name;
    }

    /** Whether a canonical CIDR belongs in this set. */
    public boolean holds(String cidr) {
        return ipv6 == cidr.contains(":");
    }
}
