package io.periscope.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.enforcement.EnforcementSettings;
import io.periscope.enforcement.policy.EnforcementMode;
import io.periscope.events.detection.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnforcementConfigTest {

    private static EnforcementSettings read(Map<String, Object> values) {
        return PeriscopeSettings.read(new ConfigReader(new ConfigReader.Source() {
            @Override
            public Optional<Object> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Map<String, String> under(String prefix) {
                String p = prefix + ".";
                java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (k.startsWith(p)) {
                        out.put(k.substring(p.length()), String.valueOf(v));
                    }
                });
                return out;
            }
        })).enforcement();
    }

    @Test
    void theDefaultIsDryRunWithSingleAddressesAndNothingInAws() {
        EnforcementSettings s = read(Map.of());
        assertThat(s.policy().mode()).isEqualTo(EnforcementMode.DRY_RUN);
        assertThat(s.policy().ttlLadder()).containsExactly(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24),
                Duration.ofDays(7));
        assertThat(s.safety().ipv4MaxPrefix()).isEqualTo(32);
        assertThat(s.wafIpv4()).isNull();
        assertThat(s.apiGateway().restApis()).isEmpty();
    }

    @Test
    void theTrustedProxiesOfReassemblyAndOfTheHttpServerAreNeverBlocked() {
        EnforcementSettings s = read(Map.of("periscope.reassembly.trusted-proxies", "198.51.100.0/24",
                "periscope.http.trusted-proxies", "203.0.113.250/32"));
        assertThat(s.safety().trustedProxies()).contains("198.51.100.0/24", "203.0.113.250/32");
    }

    @Test
    void ipSetsRestApisAndKeysAreReadAsConfigured() {
        EnforcementSettings s = read(Map.of("periscope.enforcement.mode", "enforce",
                "periscope.enforcement.min-severity", "critical", "periscope.enforcement.ttl", "30m,2h",
                "periscope.enforcement.waf.scope", "CLOUDFRONT",
                "periscope.enforcement.waf.ipv4.name", "pv4", "periscope.enforcement.waf.ipv4.id", "id4",
                "periscope.enforcement.api-gateway.rest-apis.a1b2", "prod, staging",
                "periscope.enforcement.api-gateway.api-keys.fp1", "key1",
                "periscope.enforcement.aws.waf-endpoint", "https://vpce-1.wafv2.eu-west-1.vpce.amazonaws.com"));
        assertThat(s.policy().mode()).isEqualTo(EnforcementMode.ENFORCE);
        assertThat(s.policy().minSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(s.policy().ttlLadder()).containsExactly(Duration.ofMinutes(30), Duration.ofHours(2));
        assertThat(s.wafIpv4().scope()).isEqualTo("CLOUDFRONT");
        assertThat(s.wafIpv4().point()).isEqualTo("waf:pv4");
        assertThat(s.wafIpv6()).isNull();
        assertThat(s.apiGateway().restApis()).containsEntry("a1b2", List.of("prod", "staging"));
        assertThat(s.apiGateway().apiKeys()).containsEntry("fp1", "key1");
        assertThat(s.endpointOverride().getHost()).startsWith("vpce-1");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("periscope.enforcement.mode", "block-everything")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("periscope.enforcement.mode");
        assertThatThrownBy(() -> read(Map.of("periscope.enforcement.waf.ipv4.name", "only-a-name")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("periscope.enforcement.waf.ipv4");
        assertThatThrownBy(() -> read(Map.of("periscope.enforcement.max-active", "10000")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("periscope.enforcement.max-active");
        assertThatThrownBy(() -> read(Map.of("periscope.enforcement.allowlist", "10.0.0.0/8, not-a-cidr")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("periscope.enforcement.allowlist");
        assertThatThrownBy(() -> read(Map.of("periscope.enforcement.waf.scope", "GLOBAL")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("periscope.enforcement.waf.scope");
    }
}
