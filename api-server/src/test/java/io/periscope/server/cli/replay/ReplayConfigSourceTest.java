package io.periscope.server.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.periscope.server.config.ConfigurationException;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.config.SettingsFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** periscope replay reads the server's settings without Micronaut: it must read the same ones. */
class ReplayConfigSourceTest {

    private static PeriscopeSettings micronaut(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            context.getEnvironment().start();
            return new SettingsFactory().settings(context.getEnvironment());
        }
    }

    private static Properties properties(Map<String, Object> values) {
        Properties p = new Properties();
        values.forEach((k, v) -> p.setProperty(k, String.valueOf(v)));
        return p;
    }

    /** Field by field: some parts (compiled patterns) have no value equality, all print their values. */
    private static void assertSame(PeriscopeSettings replay, PeriscopeSettings server) {
        assertThat(replay.toString()).isEqualTo(server.toString());
    }

    @Test
    void applicationYmlAloneGivesTheSettingsTheServerReads() {
        assertSame(ReplayConfigSource.settings(Map.of(), new Properties()), micronaut(Map.of()));
    }

    @Test
    void overriddenKeysGiveTheSettingsTheServerReadsIncludingKeysUnderAPrefix() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("periscope.data-dir", "/var/lib/periscope");
        overrides.put("periscope.kafka.embedded.port", "19092");
        overrides.put("periscope.kafka.startup-timeout", "5s");
        overrides.put("periscope.kafka.client.client.id", "sensor-7");
        overrides.put("periscope.kafka.client.request.timeout.ms", "45000");
        overrides.put("periscope.reassembly.kafka.max-queued-exchanges", "1000");
        overrides.put("periscope.reassembly.credential-names", "x-tenant-pass,pin_block");
        overrides.put("periscope.mirror.sessions.max-flows", "5000");
        overrides.put("periscope.discovery.sensitive.custom.employee_id.key-pattern", "employee");
        PeriscopeSettings replay = ReplayConfigSource.settings(Map.of(), properties(overrides));
        assertSame(replay, micronaut(overrides));
        assertThat(replay.kafka().clientProperties())
                .containsEntry("client.id", "sensor-7")
                .containsEntry("request.timeout.ms", "45000");
    }

    @Test
    void environmentVariablesOverrideTheFileUnderTheDocumentedNames() {
        PeriscopeSettings s = ReplayConfigSource.settings(Map.of(
                "PERISCOPE_DATA_DIR", "/srv/periscope",
                "PERISCOPE_KAFKA_EMBEDDED_PORT", "19092",
                "PERISCOPE_KAFKA_STARTUP_TIMEOUT", "5s",
                "PERISCOPE_ROLES", "receiver,api"), new Properties());
        assertThat(s.dataDir()).isEqualTo(Path.of("/srv/periscope"));
        assertThat(s.kafka().embeddedPort()).isEqualTo(19092);
        assertThat(s.kafka().startupTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.roles()).containsExactlyInAnyOrder(Role.RECEIVER, Role.API);
    }

    @Test
    void systemPropertiesOverrideEnvironmentVariables() {
        PeriscopeSettings s = ReplayConfigSource.settings(Map.of("PERISCOPE_KAFKA_EMBEDDED_PORT", "19092"),
                properties(Map.of("periscope.kafka.embedded.port", "29092")));
        assertThat(s.kafka().embeddedPort()).isEqualTo(29092);
    }

    @Test
    void aBadValueIsRefusedNamingTheKeyAndTheValueAsTheServerDoes() {
        assertThatThrownBy(() -> ReplayConfigSource.settings(Map.of("PERISCOPE_KAFKA_EMBEDDED_PORT", "ninety"),
                new Properties()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("periscope.kafka.embedded.port")
                .hasMessageContaining("ninety");
    }
}
