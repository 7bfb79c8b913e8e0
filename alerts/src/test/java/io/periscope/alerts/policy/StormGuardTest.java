package io.periscope.alerts.policy;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(g.admit(opened("a"), 0)).isTrue();
        assertThat(g.admit(opened("b"), 10)).isTrue();
        assertThat(g.admit(opened("c"), 20)).isFalse();
        assertThat(g.admit(opened("d"), 30)).isFalse();
        assertThat(g.flush(59_999)).isNull();
        StormGuard.Digest d = g.flush(60_000);
        assertThat(d.incidents()).extracting(IncidentSummary::id).containsExactly("c", "d");
        assertThat(g.flush(60_001)).isNull();
        assertThat(g.admit(opened("e"), 60_000)).as("a new window").isTrue();
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
