package io.periscope.server.config;

import io.periscope.enforcement.EnforcementSettings;
import io.periscope.events.kafka.TopicSpec;
import io.periscope.events.kafka.Topics;
import io.periscope.mirror.config.ReceiverConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated settings of this process, read once at start. Each stage module gets its own
 * typed settings from here; nothing else reads raw properties.
 *
 * @param dataDir  where local state lives (embedded Kafka logs, the install secret)
 * @param roles    the roles this process runs
 * @param httpPort the port of the HTTP server (UI, API, /health, /metrics)
 * @param kafka    Kafka connection and topic settings
 * @param auth     authentication of the UI and the REST API
 * @param receiver  the mirror receiver (keys {@code periscope.mirror.*})
 * @param discovery the discovery role (keys {@code periscope.discovery.*})
 * @param api       the REST API and its catalog read model
 * @param reassembly TCP/HTTP reassembly and exchange publishing (keys {@code periscope.reassembly.*})
 * @param alerts    alert destinations and the alerting role (keys {@code periscope.alerts.*})
 * @param enforcement the enforcement role (keys {@code periscope.enforcement.*})
 * @param detection the detection role (keys {@code periscope.detection.*})
 */
public record PeriscopeSettings(Path dataDir, Set<Role> roles, int httpPort, KafkaSettings kafka, AuthSettings auth,
                                ReceiverConfig receiver, DiscoverySettings discovery, ApiSettings api,
                                ReassemblySettings reassembly, AlertSettings alerts, EnforcementSettings enforcement,
                                DetectionSettings detection) {

    public PeriscopeSettings {
        roles = Set.copyOf(roles);
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }

    /** Reads and validates everything; the first bad value throws {@link ConfigurationException}. */
    public static PeriscopeSettings read(ConfigReader config) {
        Path dataDir = path(config, "periscope.data-dir", "./data");
        List<Role> roleList = config.list("periscope.roles",
                Arrays.stream(Role.values()).map(Role::id).toList(),
                s -> Role.valueOf(s.trim().toUpperCase()), "expected a list of receiver, discovery, detection, enforcement, alerting, api");
        if (roleList.isEmpty()) {
            throw new ConfigurationException("periscope.roles", "", "expected at least one of receiver, discovery, detection, enforcement, alerting, api");
        }
        int httpPort = config.port("periscope.http.port", 8080, true);

        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (TopicSpec spec : Topics.defaults()) {
            if (Topics.CO_PARTITIONED_WITH_EXCHANGES.contains(spec.name())) {
                continue; // follows the exchanges topic, below
            }
            String shortName = spec.name().substring("periscope.".length());
            partitions.put(spec.name(), config.integer("periscope.kafka.topics." + shortName + ".partitions",
                    spec.partitions(), 1, 10_000));
        }
        for (String coPartitioned : Topics.CO_PARTITIONED_WITH_EXCHANGES) {
            partitions.put(coPartitioned, partitions.get(Topics.EXCHANGES));
        }
        String bootstrap = config.string("periscope.kafka.bootstrap", "");
        Map<String, String> client = config.map("periscope.kafka.client");
        KafkaSettings kafka = new KafkaSettings(
                bootstrap,
                loopback(config, "periscope.kafka.embedded.host", "127.0.0.1"),
                config.port("periscope.kafka.embedded.port", 9092, true),
                (short) config.integer("periscope.kafka.replication-factor", -1, -1, 32),
                partitions,
                client,
                KafkaSecurity.read(config, bootstrap.isBlank(), client),
                config.duration("periscope.kafka.startup-timeout", Duration.ofSeconds(60)));
        if (kafka.replicationFactor() == 0) {
            throw new ConfigurationException("periscope.kafka.replication-factor", 0, "expected -1 (broker default) or 1 to 32");
        }
        AuthSettings auth = AuthSettings.read(config);
        ReassemblySettings reassembly = ReassemblySettings.read(config);
        List<String> trustedProxies = new ArrayList<>(reassembly.template().trustedProxies());
        trustedProxies.addAll(auth.trustedProxies());
        return new PeriscopeSettings(dataDir, EnumSet.copyOf(roleList), httpPort, kafka, auth,
                ReceiverSettings.read(config), DiscoverySettings.read(config, dataDir), ApiSettings.read(config),
                reassembly, AlertSettings.read(config), EnforcementConfig.read(config, trustedProxies),
                DetectionSettings.read(config, dataDir));
    }

    /** The embedded broker holds API tokens: it must never listen beyond this machine. */
    private static String loopback(ConfigReader config, String key, String defaultValue) {
        String host = config.string(key, defaultValue);
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) {
                return host;
            }
        } catch (UnknownHostException e) {
            // refused below like any other address that is not loopback
        }
        throw new ConfigurationException(key, host, "expected a loopback address (127.0.0.1, ::1 or localhost):"
                + " the embedded broker is private to this machine; use an external cluster to share Kafka");
    }

    private static Path path(ConfigReader config, String key, String defaultValue) {
        String raw = config.string(key, defaultValue);
        if (raw.isEmpty()) {
            throw new ConfigurationException(key, raw, "expected a directory path");
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(key, raw, "expected a directory path");
        }
    }
}
