package io.periscope.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.alerts.outbox.DigestMember;
import io.periscope.alerts.outbox.IncidentSummary;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class StormGuardTest {

    private static IncidentSummary opened(String id) {
        return new IncidentSummary(id, 1, IncidentChange.OPENED, IncidentStatus.OPEN, "a", List.of(), List.of(), List.of(),
                Severity.HIGH, 1, Outcome.PROBE, Verdict.MONITOR, null, 0, 0, 1, List.of(), List.of());
    }

    @Test
    void beyondTheThresholdInAWindowIncidentsAreHeldForOneDigestAtTheWindowsEnd() {
        StormGuard g = new StormGuard(2, 60_000);
        assertThat(g.admit(opened("a"), 0, 0).alertNow()).isTrue();
        assertThat(g.admit(opened("b"), 0, 10).alertNow()).isTrue();
        StormGuard.Admission c = g.admit(opened("c"), 1, 20);
        assertThat(c.alertNow()).isFalse();
        assertThat(c.member()).as("held, to be written durably").isNotNull();
        assertThat(c.member().key()).isEqualTo("0|c");
        assertThat(c.member().sourcePartition()).isEqualTo(1);
        assertThat(g.admit(opened("d"), 0, 30).alertNow()).isFalse();
        assertThat(g.flush(59_999)).isNull();
        StormGuard.Digest d = g.flush(60_000);
        assertThat(d.incidents()).extracting(IncidentSummary::id).containsExactly("c", "d");
        assertThat(g.flush(60_001)).isNull();
        assertThat(g.admit(opened("e"), 0, 60_000).alertNow()).as("a new window").isTrue();
    }

    @Test
    void membersRestoredAfterACrashAreSentAsTheSameDigestAtTheirWindowsEnd() {
        StormGuard before = new StormGuard(1, 60_000);
        before.admit(opened("a"), 0, 1_000);
        DigestMember b = before.admit(opened("b"), 0, 2_000).member();
        DigestMember c = before.admit(opened("c"), 1, 3_000).member();
        StormGuard.Digest expected = new StormGuard(1, 60_000).flush(0, true);
        assertThat(expected).isNull();

        StormGuard after = new StormGuard(1, 60_000);
        after.restore(List.of(b, c));
        after.restore(List.of(b)); // a member read twice is held once
        assertThat(after.admit(opened("d"), 0, 30_000).alertNow()).as("the restored window is full").isFalse();
        assertThat(after.flush(60_999)).isNull();
        StormGuard.Digest d = after.flush(61_000);
        assertThat(d.windowStartMillis()).isEqualTo(1_000);
        assertThat(d.incidents()).extracting(IncidentSummary::id).containsExactly("b", "c", "d");
        assertThat(d.members()).extracting(DigestMember::key).containsExactly("1000|b", "1000|c", "1000|d");
    }

    @Test
    void membersOfARevokedPartitionAreLeftToTheirNewOwner() {
        StormGuard g = new StormGuard(0, 60_000);
        g.admit(opened("a"), 0, 0);
        g.admit(opened("b"), 1, 0);
        g.release(List.of(1));
        assertThat(g.flush(0, true).incidents()).extracting(IncidentSummary::id).containsExactly("a");
    }

    @Test
    void theLedgerAlertsAVersionOnce() {
        VersionLedger l = new VersionLedger(2);
        assertThat(l.firstTime("i", 1)).isTrue();
        assertThat(l.firstTime("i", 1)).isFalse();
        assertThat(l.firstTime("i", 3)).isTrue();
        assertThat(l.firstTime("i", 2)).isFalse();
    }

    @Test
    void webhookIdsHaveNoDotAndAreStablePerVersion() {
        assertThat(WebhookIds.incident("inc.1/x", 4)).isEqualTo("msg_inc_inc-1-x_v4");
    }
}
