package io.periscope.detection.incident;

import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Signal;
import io.periscope.events.detection.Verdict;
import io.periscope.events.http.ClientIpSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentCorrelatorTest {
    static final long MINUTE = 60_000_000L;
    final IncidentCorrelator correlator = new IncidentCorrelator(new IncidentSettings(Duration.ofMinutes(30),
            Duration.ofHours(24), Duration.ofSeconds(30), 0.85));
    final IncidentState state = new IncidentState();

    static Signal signal(String type, Severity severity, Outcome outcome, long at) {
        return new Signal(1, type + at, "ip:203.0.113.9", Detector.BEHAVIOUR, type, severity, 0.9, outcome,
                new Principals("203.0.113.9", ClientIpSource.X_FORWARDED_FOR, null, null, null, null), "default|shop",
                null, "GET", "/api/orders/{id}", null, null, "x", "x", at);
    }

    @Test
    void aNewTypeEscalatesAndMoreOfTheSameIsAThrottledUpdate() {
        Incident opened = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 0)).orElseThrow();
        assertThat(opened.change()).isEqualTo(IncidentChange.OPENED);
        assertThat(opened.verdict()).isEqualTo(Verdict.MONITOR);
        assertThat(correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 1_000_000))).isEmpty();
        Incident escalated = correlator.onSignal("a", state, signal("SCRAPING", Severity.HIGH, Outcome.LIKELY_SUCCESS,
                2_000_000)).orElseThrow();
        assertThat(escalated.change()).isEqualTo(IncidentChange.ESCALATED);
        assertThat(escalated.version()).isEqualTo(2);
        assertThat(escalated.types()).containsExactly("BOLA", "SCRAPING");
        assertThat(escalated.signalCount()).isEqualTo(3);
        assertThat(escalated.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(escalated.verdictReason()).contains("confidence");
    }

    static io.periscope.detection.behaviour.Observation request(long at) {
        return new io.periscope.detection.behaviour.Observation("x" + at, "a", "default|shop", at, "POST", "/api/login",
                null, 401, 0, "curl/8", new Principals("203.0.113.9", ClientIpSource.X_FORWARDED_FOR, null, null, null, null),
                null, null, true, java.util.List.of());
    }

    @Test
    void theRunUpThatOpensAnIncidentIsCountedAndLaterRequestsGoOutWithTheNextThrottledUpdate() {
        for (int i = 0; i < 29; i++) {
            correlator.onRequest(state, request(i * 1_000_000L));
        }
        // the 30th request is the one whose signal opens the incident; its request is counted after the signal
        Incident opened = correlator.onSignal("a", state, signal("CREDENTIAL_STUFFING", Severity.HIGH, Outcome.PROBE,
                29_000_000L)).orElseThrow();
        correlator.onRequest(state, request(29_000_000L));
        assertThat(opened.requestCount()).isEqualTo(29);
        correlator.onRequest(state, request(30_000_000L));

        Incident update = correlator.tick("a", state, 60_000_000L).orElseThrow();
        assertThat(update.change()).isEqualTo(IncidentChange.UPDATED);
        assertThat(update.requestCount()).isEqualTo(31);
        assertThat(correlator.tick("a", state, 120_000_000L)).as("nothing new, nothing published").isEmpty();
    }

    @Test
    void requestsBeforeAQuietPeriodAreNotPartOfTheNextIncident() {
        for (int i = 0; i < 5; i++) {
            correlator.onRequest(state, request(i * 1_000_000L));
        }
        correlator.onRequest(state, request(40 * MINUTE));
        Incident opened = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 40 * MINUTE))
                .orElseThrow();
        assertThat(opened.requestCount()).isEqualTo(1);
    }

    @Test
    void quietIncidentsResolveAndResumingWithinTheReopenWindowReopensTheSameIncident() {
        Incident opened = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 0)).orElseThrow();
        assertThat(correlator.tick("a", state, 10 * MINUTE)).isEmpty();
        Incident resolved = correlator.tick("a", state, 31 * MINUTE).orElseThrow();
        assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
        Incident reopened = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 90 * MINUTE)).orElseThrow();
        assertThat(reopened.id()).isEqualTo(opened.id());
        assertThat(reopened.change()).isEqualTo(IncidentChange.REOPENED);
        correlator.tick("a", state, 200 * MINUTE);
        Incident next = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 3 * 24 * 60 * MINUTE))
                .orElseThrow();
        assertThat(next.id()).isNotEqualTo(opened.id());
        assertThat(next.change()).isEqualTo(IncidentChange.OPENED);
    }

    @Test
    void aDismissedIncidentAbsorbsMoreOfTheSameWithoutNewVersions() {
        Incident opened = correlator.onSignal("a", state, signal("BOLA", Severity.MEDIUM, Outcome.PROBE, 0)).orElseThrow();
        Optional<Incident> dismissed = correlator.onFeedback("a", state, new DetectionFeedback(1,
                DetectionFeedback.Action.DISMISS, "a", opened.id(), "admin", "known pen test", 0), MINUTE);
        assertThat(dismissed.orElseThrow().verdict()).isEqualTo(Verdict.BENIGN);
        assertThat(correlator.onSignal("a", state, signal("BOLA", Severity.HIGH, Outcome.PROBE, 2 * MINUTE))).isEmpty();
    }

    @Test
    void theTimelineMergesRunsOfOneTypeAndStaysBounded() {
        long t = 0;
        for (int i = 0; i < 500; i++) {
            correlator.onSignal("a", state, signal(i % 2 == 0 ? "BOLA" : "RECONNAISSANCE", Severity.LOW, Outcome.PROBE, t += 1000));
        }
        Incident latest = correlator.tick("a", state, t + 60_000_000).orElseThrow();
        assertThat(latest.timeline()).hasSize(IncidentState.MAX_TIMELINE);
        assertThat(latest.evidence()).hasSizeLessThanOrEqualTo(IncidentState.MAX_EVIDENCE);
    }
}
