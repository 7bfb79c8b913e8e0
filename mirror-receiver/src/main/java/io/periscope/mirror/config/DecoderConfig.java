package io.periscope.mirror.config;

import java.util.Set;

/**
 * How packets are decoded.
 *
 * @param vxlanPorts             UDP destination ports whose payload is VXLAN (key {@code decoder.vxlan-ports})
 * @param genevePorts            UDP destination ports whose payload is GENEVE (key {@code decoder.geneve-ports})
 * @param maxEncapsulationDepth  how many VXLAN/GENEVE layers one packet may stack before it is
 *                               counted as {@code encapsulation_too_deep} (key {@code decoder.max-encapsulation-depth})
 * @param maxVlanTags            how many 802.1Q/802.1ad tags one Ethernet header may carry (key {@code decoder.max-vlan-tags})
 */
public record DecoderConfig(Set<Integer> vxlanPorts, Set<Integer> genevePorts, int maxEncapsulationDepth, int maxVlanTags) {

    public static final int VXLAN_PORT = 4789;
    public static final int LINUX_VXLAN_PORT = 8472;
    public static final int GENEVE_PORT = 6081;

    public DecoderConfig {
        vxlanPorts = Set.copyOf(Checks.notNull("decoder.vxlan-ports", vxlanPorts));
        genevePorts = Set.copyOf(Checks.notNull("decoder.geneve-ports", genevePorts));
        for (int port : vxlanPorts) {
            Checks.port("decoder.vxlan-ports", port, false);
        }
        for (int port : genevePorts) {
            Checks.port("decoder.geneve-ports", port, false);
            if (vxlanPorts.contains(port)) {
                throw new ConfigException(Checks.PREFIX + "decoder.geneve-ports", port, "must not also be listed in decoder.vxlan-ports");
            }
        }
        Checks.range("decoder.max-encapsulation-depth", maxEncapsulationDepth, 1, 8);
        Checks.range("decoder.max-vlan-tags", maxVlanTags, 0, 8);
    }

    public static DecoderConfig defaults() {
        return new DecoderConfig(Set.of(VXLAN_PORT, LINUX_VXLAN_PORT), Set.of(GENEVE_PORT), 3, 4);
    }
}
