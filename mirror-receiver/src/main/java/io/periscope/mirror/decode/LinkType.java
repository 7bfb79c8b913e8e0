package io.periscope.mirror.decode;

/** Where decoding of a captured packet starts. Capture-file link types map onto these. */
public enum LinkType {
    /** Ethernet II frame (LINKTYPE_ETHERNET). */
    ETHERNET,
    /** Bare IPv4 or IPv6 packet (LINKTYPE_RAW, LINKTYPE_IPV4, LINKTYPE_IPV6). */
    RAW_IP,
    /** Linux "cooked" capture v1, 16-byte header (LINKTYPE_LINUX_SLL). */
    LINUX_SLL,
    /** Linux "cooked" capture v2, 20-byte header (LINKTYPE_LINUX_SLL2). */
    LINUX_SLL2,
    /** BSD loopback: 4-byte address family in the capturing host's byte order (LINKTYPE_NULL). */
    BSD_NULL,
    /** OpenBSD loopback: 4-byte address family in network byte order (LINKTYPE_LOOP). */
    BSD_LOOP,
    /** A UDP payload that is a VXLAN header (what the UDP receiver gets on port 4789). */
    VXLAN,
    /** A UDP payload that is a GENEVE header (what the UDP receiver gets on port 6081). */
    GENEVE;

    /**
     * Maps a pcap/pcapng link-type number.
     *
     * @return the link type, or {@code null} when it is not supported
     */
    public static LinkType fromPcap(int linkType) {
        return switch (linkType) {
            case 0 -> BSD_NULL;
            case 1 -> ETHERNET;
            case 12, 14, 101, 228, 229 -> RAW_IP; // DLT_RAW differs across platforms; 228/229 are IPv4/IPv6-only RAW
            case 108 -> BSD_LOOP;
            case 113 -> LINUX_SLL;
            case 276 -> LINUX_SLL2;
            default -> null;
        };
    }
}
