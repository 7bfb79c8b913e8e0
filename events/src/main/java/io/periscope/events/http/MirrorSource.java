package io.periscope.events.http;

/**
 * Where the packets of an exchange were captured.
 *
 * @param session  the mirror session name configured for the VNI (or {@code "default"} / the capture source name)
 * @param vni      the VXLAN network identifier, or -1 when the traffic was not VXLAN-encapsulated
 * @param receiver id of the receiver instance that decoded the packets (host name by default)
 */
public record MirrorSource(String session, int vni, String receiver) {
    public static final int NO_VNI = -1;
}
