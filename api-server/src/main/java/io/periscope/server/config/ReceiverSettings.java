package io.periscope.server.config;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.config.HealthCheckConfig;
import io.periscope.mirror.config.LiveCaptureConfig;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.config.UdpConfig;
import io.periscope.mirror.config.WarmUpConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@code periscope.mirror.*} onto the mirror receiver's own validated config records, which hold
 * the authoritative rules (powers of two, port conflicts, ...); the bounds given here only make the
 * common mistakes fail with the key = "value" message of every other setting.
 */
final class ReceiverSettings {
    private static final String P = "periscope.mirror.";

    private ReceiverSettings() {
    }

    static ReceiverConfig read(ConfigReader c) {
        ReceiverConfig d = ReceiverConfig.defaults();
        try {
            UdpConfig udp = new UdpConfig(
                    c.bool(P + "udp.enabled", d.udp().enabled()),
                    c.string(P + "udp.bind-address", d.udp().bindAddress()),
                    c.port(P + "udp.port", d.udp().vxlanPort(), true),
                    c.port(P + "udp.geneve-port", d.udp().genevePort(), true),
                    c.integer(P + "udp.threads", d.udp().threads(), 1, 64),
                    c.integer(P + "udp.receive-buffer-bytes", d.udp().receiveBufferBytes(), 1, Integer.MAX_VALUE),
                    c.integer(P + "udp.batch-size", d.udp().batchSize(), 1, 1024),
                    c.integer(P + "udp.max-datagram-bytes", d.udp().maxDatagramBytes(), 1, 65535),
                    c.bool(P + "udp.native-transport", d.udp().nativeTransport()));
            HealthCheckConfig health = new HealthCheckConfig(
                    c.bool(P + "health.enabled", d.health().enabled()),
                    c.string(P + "health.bind-address", d.health().bindAddress()),
                    c.port(P + "health.port", d.health().port(), true));
            DecoderConfig decoder = new DecoderConfig(
                    ports(c, P + "decoder.vxlan-ports", d.decoder().vxlanPorts()),
                    ports(c, P + "decoder.geneve-ports", d.decoder().genevePorts()),
                    c.integer(P + "decoder.max-encapsulation-depth", d.decoder().maxEncapsulationDepth(), 1, 8),
                    c.integer(P + "decoder.max-vlan-tags", d.decoder().maxVlanTags(), 0, 8));
            SessionConfig sessions = new SessionConfig(
                    vniSessions(c),
                    c.enumValue(P + "sessions.unknown-vni", SessionConfig.UnknownVniPolicy.class, d.sessions().unknownVni()),
                    c.string(P + "sessions.unknown-session", d.sessions().unknownSession()),
                    c.string(P + "sessions.plain-session", d.sessions().plainSession()));
            DedupConfig dedup = new DedupConfig(
                    c.bool(P + "dedup.enabled", d.dedup().enabled()),
                    c.duration(P + "dedup.window", d.dedup().window()),
                    c.integer(P + "dedup.table-size", d.dedup().tableSize(), 1, 1 << 24));
            int workers = c.integer(P + "dispatch.workers", d.dispatch().workers(), 1, 256);
            DispatchConfig dispatch = new DispatchConfig(workers, c.positiveLong(P + "dispatch.queue-bytes",
                    workers == d.dispatch().workers() ? d.dispatch().queueBytes() : DispatchConfig.defaults(workers).queueBytes()));
            WarmUpConfig warmUp = new WarmUpConfig(
                    c.bool(P + "warmup.enabled", d.warmUp().enabled()),
                    c.positiveLong(P + "warmup.packets", d.warmUp().packets()),
                    c.duration(P + "warmup.max-duration", d.warmUp().maxDuration()));
            return new ReceiverConfig(udp, health, decoder, sessions, dedup, dispatch, live(c), warmUp);
        } catch (ConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e);
        }
    }

    private static LiveCaptureConfig live(ConfigReader c) {
        String iface = c.string(P + "live.interface", "");
        if (iface.isEmpty()) {
            return null;
        }
        LiveCaptureConfig d = LiveCaptureConfig.forInterface(iface);
        return new LiveCaptureConfig(iface,
                c.string(P + "live.filter", d.bpfFilter()),
                c.integer(P + "live.snap-length", d.snapLength(), 1, 1 << 20),
                c.bool(P + "live.promiscuous", d.promiscuous()),
                c.duration(P + "live.read-timeout", d.readTimeout()));
    }

    private static Set<Integer> ports(ConfigReader c, String key, Set<Integer> defaults) {
        List<String> fallback = defaults.stream().map(String::valueOf).toList();
        return new HashSet<>(c.list(key, fallback, Integer::valueOf, "expected a list of UDP ports"));
    }

    private static Map<Integer, String> vniSessions(ConfigReader c) {
        Map<Integer, String> out = new LinkedHashMap<>();
        c.map(P + "sessions.vni").forEach((vni, name) -> {
            try {
                out.put(Integer.valueOf(vni.trim()), name.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(P + "sessions.vni." + vni, name, "expected a numeric VNI as the key");
            }
        });
        return out;
    }
}
