package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.http.ClientIpSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class StuffingCampaignsTest {
    final StuffingCampaigns campaigns = new StuffingCampaigns(CampaignSettings.defaults());
    final Map<String, CampaignState> states = new HashMap<>();
    final List<CampaignFinding> found = new ArrayList<>();

    void attempt(String fingerprint, String ip, String login, int status, long time) {
        SignInAttempt a = new SignInAttempt("x" + time, "ip:" + ip, fingerprint, "default|shop", "/api/login", time, login,
                status, new Principals(ip, ClientIpSource.X_FORWARDED_FOR, null, null, null, null));
        CampaignFinding f = campaigns.observe(states.computeIfAbsent(a.fingerprintKey(), k -> new CampaignState()), a);
        if (f != null) {
            found.add(f);
        }
    }

    @Test
    void fortyAddressesTryingTwoAccountsEachSlowlyAreOneCampaign() {
        long t = 0;
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < 2; k++) {
                t += 90 * SECOND; // one attempt every 90 s: two hours for the whole list
                attempt("tool-fp", "203.0.113." + i, "victim" + (i * 2 + k), 401, t);
            }
        }
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.actorId()).isEqualTo("campaign:tool-fp");
            assertThat(f.finding().type()).isEqualTo(BehaviourType.DISTRIBUTED_CREDENTIAL_STUFFING);
            assertThat(f.finding().outcome()).isEqualTo(Outcome.PROBE);
            assertThat(f.finding().observed()).isEqualTo(20);
            assertThat(f.finding().explanation()).contains("failure ratio 1.00").contains("401×")
                    .contains("2.0 accounts per address").contains("mean 90 s, variation 0.00, machine-regular");
            assertThat(f.finding().confidence()).isEqualTo(BehaviourType.DISTRIBUTED_CREDENTIAL_STUFFING.confidence() + 0.05);
            assertThat(f.addresses()).hasSize(10).allMatch(a -> a.startsWith("203.0.113."));
        });
    }

    @Test
    void aSuccessInsideTheCampaignIsReportedAgainAsALikelyTakeover() {
        long t = 0;
        for (int i = 0; i < 30; i++) {
            attempt("tool-fp", "203.0.113." + i, "victim" + i, 401, t += 60 * SECOND);
        }
        attempt("tool-fp", "203.0.113.200", "victim99", 200, t += 60 * SECOND);
        assertThat(found).extracting(f -> f.finding().outcome()).containsExactly(Outcome.PROBE, Outcome.LIKELY_SUCCESS);
    }

    @Test
    void irregularTimingIsReportedButDoesNotRaiseConfidence() {
        Random random = new Random(5);
        long t = 0;
        for (int i = 0; i < 40; i++) {
            t += (long) (-Math.log(1 - random.nextDouble()) * 120) * SECOND + SECOND;
            attempt("tool-fp", "203.0.113." + i, "victim" + i, 401, t);
        }
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.finding().explanation()).doesNotContain("machine-regular").contains("variation");
            assertThat(f.finding().confidence()).isEqualTo(BehaviourType.DISTRIBUTED_CREDENTIAL_STUFFING.confidence());
        });
    }

    @Test
    void browserUsersSharingAFingerprintWhoMostlySignInAreNoCampaign() {
        Random random = new Random(3);
        long t = 0;
        for (int i = 0; i < 2000; i++) {
            int user = random.nextInt(300);
            // one in ten sign-ins is a mistyped password
            attempt("chrome-131", "192.0.2." + (user % 250), "user" + user, random.nextInt(10) == 0 ? 401 : 200,
                    t += 20 * SECOND);
        }
        assertThat(found).isEmpty();
    }

    @Test
    void oneAddressFailingManyAccountsIsLeftToThePerActorDetector() {
        long t = 0;
        for (int i = 0; i < 100; i++) {
            attempt("tool-fp", "198.51.100.66", "victim" + i, 401, t += SECOND);
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theWindowEndsACampaignsCounts() {
        long t = 0;
        for (int i = 0; i < 40; i++) {
            // one attempt every 20 minutes: 20 accounts take longer than the 6 h window
            attempt("tool-fp", "203.0.113." + i, "victim" + i, 401, t += 20 * 60 * SECOND);
        }
        assertThat(found).isEmpty();
    }
}
