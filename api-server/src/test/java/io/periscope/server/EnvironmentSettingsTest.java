package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.sensitive.CustomType;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.config.Role;
import io.periscope.server.config.SettingsFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings read through Micronaut's environment, the way the running server reads them. */
class EnvironmentSettingsTest {

    private static PeriscopeSettings settingsFrom(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
            context.getEnvironment().start();
            return new SettingsFactory().settings(context.getEnvironment());
        }
    }

    @Test
    void kafkaClientPropertiesArePassedThroughWithTheirDottedNames() {
        PeriscopeSettings s = settingsFrom(Map.of(
                "periscope.kafka.client.security.protocol", "SASL_SSL",
                "periscope.kafka.client.sasl.mechanism", "AWS_MSK_IAM"));
        assertThat(s.kafka().clientProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "AWS_MSK_IAM");
    }

    @Test
    void redactionNameListsMaskedTypesAndDiscoverysCustomTypesReachTheSensor() {
        PeriscopeSettings s = settingsFrom(Map.of(
                "periscope.reassembly.credential-names", "x-tenant-pass,pin_block",
                "periscope.reassembly.credential-name-exclusions", "session",
                "periscope.reassembly.masked-sensitive-types", "payment_card,iban",
                "periscope.reassembly.max-json-depth", "16",
                "periscope.discovery.sensitive.custom.employee_id.key-pattern", "employee",
                "periscope.discovery.sensitive.phone-region", "DE"));
        ReassemblyConfig r = s.reassembly().template();
        assertThat(r.credentialNames()).containsExactly("x-tenant-pass", "pin_block");
        assertThat(r.credentialNameExclusions()).containsExactly("session");
        assertThat(r.maskedSensitiveTypes()).containsExactly("payment_card", "iban");
        assertThat(r.maxJsonDepth()).isEqualTo(16);
        assertThat(r.phoneRegion()).isEqualTo("DE");
        assertThat(r.customSensitiveTypes()).extracting(CustomType::name).containsExactly("employee_id");
    }

    @Test
    void applicationYmlDefaultsAreTheDocumentedOnes() {
        PeriscopeSettings s = settingsFrom(Map.of());
        assertThat(s.roles()).containsExactlyInAnyOrder(Role.values());
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.kafka().embeddedPort()).isEqualTo(9092);
        assertThat(s.kafka().topicPartitions()).containsEntry("periscope.exchanges", 12);
    }
}
