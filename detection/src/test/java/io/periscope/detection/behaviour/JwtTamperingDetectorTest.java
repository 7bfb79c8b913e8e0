package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import org.junit.jupiter.api.Test;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class JwtTamperingDetectorTest {

    @Test
    void anUnsignedTokenTheServerRefusedIsAProbe() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).jwt("f1", "none", null, "admin").get("/api/admin/users", 401));
        assertThat(h.findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(BehaviourType.JWT_TAMPERING);
            assertThat(f.outcome()).isEqualTo(Outcome.PROBE);
        });
    }

    @Test
    void anUnsignedTokenTheServerAcceptedIsCritical() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).jwt("f1", "nOnE", null, "admin").get("/api/admin/users", 200));
        assertThat(h.findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        });
    }

    @Test
    void anAlgorithmSwitchForTheSameSubjectIsTampering() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).jwt("f1", "RS256", "k1", "alice").get("/api/me", 200));
        h.feed(Obs.at(SECOND).jwt("f2", "HS256", "k1", "alice").get("/api/me", 401));
        assertThat(h.findings).singleElement().satisfies(f -> assertThat(f.metric()).contains("HS256").contains("RS256"));
    }

    @Test
    void aKidWithAPathIsTampering() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).jwt("f1", "HS256", "../../../../dev/null", "alice").get("/api/me", 401));
        assertThat(h.types()).containsExactly(BehaviourType.JWT_TAMPERING);
    }

    @Test
    void ordinaryTokensRenewedEveryHourAreNothing() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 200; i++) {
            h.feed(Obs.at(i * 60 * SECOND).jwt("f" + (i / 60), "RS256", "k1", "alice").get("/api/me", 200));
        }
        assertThat(h.findings).isEmpty();
    }
}
