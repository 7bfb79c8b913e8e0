package io.periscope.detection.behaviour;

import org.junit.jupiter.api.Test;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class TokenSharingDetectorTest {

    @Test
    void oneTokenFromFiveAddressesAtOnceIsTokenSharing() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 20; i++) {
            h.feed(Obs.at(i * 10 * SECOND).from("203.0.113." + (i % 5)).credential("tok-1").get("/api/me", 200));
        }
        assertThat(h.types()).containsExactly(BehaviourType.TOKEN_SHARING);
        assertThat(h.findings.get(0).observed()).isEqualTo(4);
    }

    @Test
    void aPhoneMovingFromWifiToMobileIsNotTokenSharing() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 60; i++) {
            h.feed(Obs.at(i * 10 * SECOND).from(i < 30 ? "192.0.2.10" : "198.51.100.20").credential("tok-1").get("/api/me", 200));
        }
        assertThat(h.findings).isEmpty();
    }
}
