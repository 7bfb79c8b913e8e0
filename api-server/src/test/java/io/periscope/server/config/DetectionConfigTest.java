package io.periscope.server.config;

import io.periscope.detection.behaviour.BehaviourSettings;
import io.periscope.detection.behaviour.NetworkLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of the cross-actor detectors reach the topology's settings. */
class DetectionConfigTest {

    private static BehaviourSettings read(Map<String, Object> values) {
        return PeriscopeSettings.read(new ConfigReader(new ConfigReader.Source() {
            @Override
            public Optional<Object> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Map<String, String> under(String prefix) {
                String p = prefix + ".";
                Map<String, String> out = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (k.startsWith(p)) {
                        out.put(k.substring(p.length()), String.valueOf(v));
                    }
                });
                return out;
            }
        })).detection().config().behaviour();
    }

    @Test
    void withoutKeysTheDocumentedDefaultsApply() {
        BehaviourSettings b = read(Map.of());
        assertThat(b.ownership().foreignObjects()).isEqualTo(10);
        assertThat(b.campaigns().window()).isEqualTo(Duration.ofHours(6));
        assertThat(b.travel().locations()).isEmpty();
        assertThat(b.travel().hijackChanges()).isEqualTo(3);
        assertThat(b.massAssignment().warmupWrites()).isEqualTo(30);
        assertThat(b.massAssignment().privileged()).contains("role", "isAdmin", "ownerId");
    }

    @Test
    void locationsThresholdsAndPrivilegedNamesAreReadAsConfigured() {
        String q = "periscope.detection.behaviour.";
        BehaviourSettings b = read(Map.of(
                q + "travel.locations.paris.networks", "198.51.100.0/24, 2001:db8:1::/48",
                q + "travel.locations.paris.latitude", "48.86",
                q + "travel.locations.paris.longitude", "2.35",
                q + "travel.max-speed-kmh", "1000",
                q + "ownership.shared-accessors", "5",
                q + "stuffing-campaign.failure-ratio", "0.9",
                q + "mass-assignment.privileged", "role,tier",
                q + "mass-assignment.learn-principals", "5",
                q + "stuffing-campaign.shared-accounts", "4",
                q + "stuffing-campaign.max-link-entries", "1000"));
        assertThat(b.travel().locations()).containsExactly(
                new NetworkLocation("paris", List.of("198.51.100.0/24", "2001:db8:1::/48"), 48.86, 2.35));
        assertThat(b.travel().maxSpeedKmh()).isEqualTo(1000);
        assertThat(b.ownership().sharedAccessors()).isEqualTo(5);
        assertThat(b.campaigns().failureRatio()).isEqualTo(0.9);
        assertThat(b.massAssignment().privileged()).containsExactly("role", "tier");
        assertThat(b.massAssignment().learnPrincipals()).isEqualTo(5);
        assertThat(b.campaigns().sharedAccounts()).isEqualTo(4);
        assertThat(b.campaigns().maxLinkEntries()).isEqualTo(1000);
    }

    @Test
    void aLocationWithoutCoordinatesOrWithABadBlockIsRejected() {
        String q = "periscope.detection.behaviour.travel.locations.";
        assertThatThrownBy(() -> read(Map.of(q + "x.networks", "198.51.100.0/24")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("latitude");
        assertThatThrownBy(() -> read(Map.of(q + "x.networks", "not-a-block", q + "x.latitude", "1", q + "x.longitude", "2")))
                .isInstanceOf(ConfigurationException.class);
    }
}
