package io.periscope.mirror.decode;

/**
 * What became of one packet. Every packet ends in exactly one outcome, so counts reconcile:
 * received = segments + skipped + malformed.
 */
public enum DecodeOutcome {
    /** A TCP segment was decoded. */
    SEGMENT(Kind.SEGMENT, "segment"),

    /** Ethernet frame that does not carry IP (ARP, LLDP, 802.3 length frames). */
    NOT_IP(Kind.SKIPPED, "non_ip"),
    /** IP packet that is neither TCP nor a tunnel we decode (UDP, ICMP, ESP...). */
    NOT_TCP(Kind.SKIPPED, "non_tcp"),
    /** IPv4 or IPv6 fragment: counted and dropped, never reassembled (AWS mirroring truncates, it does not fragment). */
    IP_FRAGMENT(Kind.SKIPPED, "ip_fragment"),
    /** VXLAN network identifier without a configured session, dropped by policy. */
    UNKNOWN_VNI(Kind.SKIPPED, "unknown_vni"),
    /** Capture link type we do not decode. */
    UNSUPPORTED_LINK_TYPE(Kind.SKIPPED, "unsupported_link_type"),

    /** A header (link, IP, tunnel or TCP) extends past the captured bytes. */
    TRUNCATED_HEADER(Kind.MALFORMED, "truncated_header"),
    /** IP version nibble is neither 4 nor 6 (or contradicts the link layer). */
    BAD_IP_VERSION(Kind.MALFORMED, "bad_ip_version"),
    /** IPv4 header length below 20 bytes or a total length below the header length. */
    BAD_IP_HEADER(Kind.MALFORMED, "bad_ip_header"),
    /** IPv6 extension header chain too long or inconsistent with the payload length. */
    BAD_IPV6_EXTENSION(Kind.MALFORMED, "bad_ipv6_extension"),
    /** TCP data offset below 5 words or beyond the IP payload. */
    BAD_TCP_HEADER(Kind.MALFORMED, "bad_tcp_header"),
    /** UDP, VXLAN or GENEVE header inconsistent (length fields, GENEVE version). */
    BAD_TUNNEL_HEADER(Kind.MALFORMED, "bad_tunnel_header"),
    /** More nested VXLAN/GENEVE layers than {@code decoder.max-encapsulation-depth}. */
    ENCAPSULATION_TOO_DEEP(Kind.MALFORMED, "encapsulation_too_deep"),
    /** More 802.1Q/802.1ad tags than {@code decoder.max-vlan-tags}. */
    TOO_MANY_VLAN_TAGS(Kind.MALFORMED, "too_many_vlan_tags");

    public enum Kind { SEGMENT, SKIPPED, MALFORMED }

    private final Kind kind;
    private final String reason;

    DecodeOutcome(Kind kind, String reason) {
        this.kind = kind;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** Metric tag value and summary key. */
    public String reason() {
        return reason;
    }
}
