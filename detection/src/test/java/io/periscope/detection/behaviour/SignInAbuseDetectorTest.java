package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import org.junit.jupiter.api.Test;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class SignInAbuseDetectorTest {

    @Test
    void manyPasswordsAgainstOneAccountIsBruteForce() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 12; i++) {
            h.feed(Obs.at(i * SECOND).signIn("admin", "pw" + i, 401));
        }
        assertThat(h.types()).containsExactly(BehaviourType.BRUTE_FORCE);
    }

    @Test
    void aBruteForceThatFinallySucceedsIsReportedAgainAsALikelySuccess() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 12; i++) {
            h.feed(Obs.at(i * SECOND).signIn("admin", "pw" + i, 401));
        }
        h.feed(Obs.at(20 * SECOND).signIn("admin", "pw-right", 200));
        assertThat(h.findings).anyMatch(f -> f.type() == BehaviourType.BRUTE_FORCE && f.outcome() == Outcome.LIKELY_SUCCESS);
    }

    @Test
    void manyAccountsEachWithItsOwnPasswordIsCredentialStuffing() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 15; i++) {
            h.feed(Obs.at(i * SECOND).signIn("user" + i + "@mail.test", "leaked" + i, 401));
        }
        assertThat(h.types()).containsExactly(BehaviourType.CREDENTIAL_STUFFING);
    }

    @Test
    void onePasswordAcrossManyAccountsIsPasswordSpraying() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 8; i++) {
            h.feed(Obs.at(i * 30 * SECOND).signIn("staff" + i, "Winter2026!", 401));
        }
        assertThat(h.types()).containsExactly(BehaviourType.PASSWORD_SPRAYING);
    }

    @Test
    void aUserWhoMistypesTwiceThenSignsInIsNothing() {
        DetectorHarness h = new DetectorHarness();
        h.feed(Obs.at(0).signIn("alice", "typo1", 401));
        h.feed(Obs.at(5 * SECOND).signIn("alice", "typo2", 401));
        h.feed(Obs.at(9 * SECOND).signIn("alice", "right", 200));
        assertThat(h.findings).isEmpty();
    }

    @Test
    void rateLimitedAttemptsAreNotCountedAsFailures() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 30; i++) {
            h.feed(Obs.at(i * SECOND).signIn("bob", "pw" + i, 429));
        }
        assertThat(h.types()).doesNotContain(BehaviourType.BRUTE_FORCE);
    }
}
