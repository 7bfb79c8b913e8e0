package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.server.config.ConfigReader;
import io.periscope.server.config.ConfigurationException;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigurationValidationTest {

    private static PeriscopeSettings read(Map<String, Object> values) {
        return PeriscopeSettings.read(new ConfigReader(key -> Optional.ofNullable(values.get(key))));
    }

    @Test
    void defaultsDescribeTheStandaloneMode() {
        PeriscopeSettings s = read(Map.of());
        assertThat(s.roles()).containsExactlyInAnyOrder(Role.values());
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.kafka().embedded()).isTrue();
        assertThat(s.kafka().embeddedPort()).isEqualTo(9092);
        assertThat(s.dataDir().toString()).isEqualTo("./data");
    }

    @Test
    void rolesAcceptACommaSeparatedStringOrAYamlList() {
        assertThat(read(Map.of("periscope.roles", "receiver, api")).roles()).containsExactlyInAnyOrder(Role.RECEIVER, Role.API);
        assertThat(read(Map.of("periscope.roles", List.of("discovery"))).roles()).containsExactly(Role.DISCOVERY);
    }

    @Test
    void settingBootstrapServersSwitchesToAnExternalCluster() {
        assertThat(read(Map.of("periscope.kafka.bootstrap", "b-1.msk:9098,b-2.msk:9098")).kafka().embedded()).isFalse();
    }

    @Test
    void durationsAcceptUnitsAndIso8601() {
        assertThat(read(Map.of("periscope.kafka.startup-timeout", "90s")).kafka().startupTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(read(Map.of("periscope.kafka.startup-timeout", "PT2M")).kafka().startupTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void theHttpServerTrustsNoProxyUnlessConfiguredAndRejectsAnythingButCidrs() {
        assertThat(read(Map.of()).auth().trustedProxies()).isEmpty();
        assertThat(read(Map.of()).auth().clientIpHeaders()).containsExactly("X-Forwarded-For", "Forwarded", "X-Real-IP");
        assertThat(read(Map.of("periscope.http.trusted-proxies", "10.0.0.0/24, fc00::/7")).auth().trustedProxies())
                .containsExactly("10.0.0.0/24", "fc00::/7");
        assertThatThrownBy(() -> read(Map.of("periscope.http.trusted-proxies", "10.0.0.0/24,the-alb")))
                .hasMessageStartingWith("periscope.http.trusted-proxies = \"the-alb\"");
        assertThatThrownBy(() -> read(Map.of("periscope.http.client-ip-headers", "X Forwarded For")))
                .hasMessageStartingWith("periscope.http.client-ip-headers = \"X Forwarded For\"");
    }

    @Test
    void aBadValueIsRejectedWithOneLineNamingTheKeyAndTheValue() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("periscope.http.port", "80800");
        assertThatThrownBy(() -> read(bad)).isInstanceOf(ConfigurationException.class)
                .hasMessage("periscope.http.port = \"80800\": expected a TCP/UDP port number from 0 (any free port) to 65535");
        assertThatThrownBy(() -> read(Map.of("periscope.roles", "receiver,sniffer")))
                .hasMessageStartingWith("periscope.roles = \"sniffer\"");
        assertThatThrownBy(() -> read(Map.of("periscope.kafka.topics.exchanges.partitions", "0")))
                .hasMessageStartingWith("periscope.kafka.topics.exchanges.partitions = \"0\"");
        assertThatThrownBy(() -> read(Map.of("periscope.kafka.replication-factor", "0")))
                .hasMessageStartingWith("periscope.kafka.replication-factor = \"0\"");
    }

    @Test
    void theCommandPrintsOneLineAndExitsWithStatusTwoOnABadValue() {
        var err = new java.io.ByteArrayOutputStream();
        var previous = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int status;
        try {
            status = Periscope.run(new String[] {"--periscope.kafka.embedded.port=ninety"});
        } finally {
            System.setErr(previous);
        }
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).strip())
                .isEqualTo("periscope: invalid configuration: periscope.kafka.embedded.port = \"ninety\": "
                        + "expected a TCP/UDP port number from 0 (any free port) to 65535");
    }

    @Test
    void mirrorSessionsAreNamedPerVniAndTheReceiverKeepsItsDefaults() {
        Map<String, Object> values = new HashMap<>();
        PeriscopeSettings s = PeriscopeSettings.read(new ConfigReader(new ConfigReader.Source() {
            @Override
            public Optional<Object> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Map<String, String> under(String prefix) {
                return prefix.equals("periscope.mirror.sessions.vni") ? Map.of("5569041", "prod-api") : Map.of();
            }
        }));
        assertThat(s.receiver().sessions().vniSessions()).containsExactly(Map.entry(5569041, "prod-api"));
        assertThat(s.receiver().udp().vxlanPort()).isEqualTo(4789);
        assertThat(s.receiver().health().port()).isEqualTo(4789);
        assertThat(s.receiver().decoder().vxlanPorts()).containsExactlyInAnyOrder(4789, 8472);
    }

    @Test
    void aValueTheReceiverRejectsStopsTheStartWithItsOwnOneLineMessage() {
        assertThatThrownBy(() -> read(Map.of("periscope.mirror.udp.threads", "100")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("periscope.mirror.udp.threads = \"100\"");
        assertThatThrownBy(() -> read(Map.of("periscope.mirror.dedup.table-size", "1000")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("periscope.mirror.dedup.table-size").hasMessageContaining("1000");
        assertThatThrownBy(() -> read(Map.of("periscope.mirror.udp.port", "6081", "periscope.mirror.udp.geneve-port", "6081")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("geneve-port");
    }

    @Test
    void apiSettingsHaveDefaultsAndBounds() {
        PeriscopeSettings s = read(Map.of());
        assertThat(s.api().maxSpecBytes()).isEqualTo(5 * 1024 * 1024);
        assertThat(s.api().maxChanges()).isEqualTo(10_000);
        assertThat(s.api().lagTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(read(Map.of("periscope.api.max-spec-bytes", "1048576")).api().maxSpecBytes()).isEqualTo(1_048_576);
        assertThatThrownBy(() -> read(Map.of("periscope.api.max-spec-bytes", "100")))
                .hasMessageStartingWith("periscope.api.max-spec-bytes = \"100\"");
        assertThatThrownBy(() -> read(Map.of("periscope.discovery.view.max-changes", "0")))
                .hasMessageStartingWith("periscope.discovery.view.max-changes = \"0\"");
    }

    @Test
    void specWorkerSettingsHaveDefaultsAndBounds() {
        PeriscopeSettings s = read(Map.of());
        assertThat(s.api().specWorkers()).isEqualTo(2);
        assertThat(s.api().specQueue()).isEqualTo(8);
        assertThat(s.api().specTimeLimit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(read(Map.of("periscope.api.spec-time-limit", "500ms")).api().specTimeLimit()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> read(Map.of("periscope.api.spec-workers", "0")))
                .hasMessageStartingWith("periscope.api.spec-workers = \"0\"");
        assertThatThrownBy(() -> read(Map.of("periscope.api.spec-queue", "0")))
                .hasMessageStartingWith("periscope.api.spec-queue = \"0\"");
        assertThatThrownBy(() -> read(Map.of("periscope.api.spec-time-limit", "0s")))
                .hasMessageStartingWith("periscope.api.spec-time-limit = \"0\"");
    }
}
