package io.periscope.mirror.config;

import java.util.Map;

/**
 * Names of the mirror sessions, keyed by their VXLAN network identifier.
 *
 * @param vniSessions    VNI to session name (key {@code sessions.vni}); VNIs are 24-bit
 * @param unknownVni     what to do with a VNI not in the map (key {@code sessions.unknown-vni})
 * @param unknownSession session name given to accepted packets with an unknown VNI (key {@code sessions.unknown-session})
 * @param plainSession   session name for packets that were not VXLAN-encapsulated, e.g. from a
 *                       capture file or a SPAN port (key {@code sessions.plain-session})
 */
public record SessionConfig(Map<Integer, String> vniSessions, UnknownVniPolicy unknownVni, String unknownSession, String plainSession) {

    public enum UnknownVniPolicy { ACCEPT, DROP }

    public static final int MAX_VNI = 0xFF_FFFF;

    public SessionConfig {
        vniSessions = Map.copyOf(Checks.notNull("sessions.vni", vniSessions));
        for (Map.Entry<Integer, String> e : vniSessions.entrySet()) {
            Checks.range("sessions.vni", e.getKey(), 0, MAX_VNI);
            Checks.notBlank("sessions.vni." + e.getKey(), e.getValue());
        }
        Checks.notNull("sessions.unknown-vni", unknownVni);
        Checks.notBlank("sessions.unknown-session", unknownSession);
        Checks.notBlank("sessions.plain-session", plainSession);
    }

    public static SessionConfig defaults() {
        return new SessionConfig(Map.of(), UnknownVniPolicy.ACCEPT, "unknown", "default");
    }
}
