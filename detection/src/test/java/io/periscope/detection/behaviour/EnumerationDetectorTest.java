package io.periscope.detection.behaviour;

import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import org.junit.jupiter.api.Test;

import static io.periscope.detection.behaviour.Obs.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class EnumerationDetectorTest {

    @Test
    void walkingOrderIdsThatAreMostlyRefusedIsAProbeOfBola() {
        DetectorHarness h = new DetectorHarness();
        for (int id = 5000; id < 5060; id++) {
            h.feed(Obs.at(id * SECOND).get("/api/orders/" + id, 403));
        }
        assertThat(h.types()).contains(BehaviourType.BOLA);
        Finding f = h.findings.get(0);
        assertThat(f.outcome()).isEqualTo(Outcome.PROBE);
        assertThat(f.explanation()).contains("GET /api/orders/{id}").contains("threshold");
    }

    @Test
    void enumeratedIdsAnsweredWithDataAreALikelySuccessOfHighSeverity() {
        DetectorHarness h = new DetectorHarness();
        for (int id = 1; id <= 45; id++) {
            h.feed(Obs.at(id * SECOND).get("/api/accounts/" + id + "/statements", 200));
        }
        Finding f = h.findings.stream().filter(x -> x.type() == BehaviourType.BOLA).findFirst().orElseThrow();
        assertThat(f.outcome()).isEqualTo(Outcome.LIKELY_SUCCESS);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aUserRereadingItsOwnFewOrdersAllDayIsNotEnumeration() {
        DetectorHarness h = new DetectorHarness();
        for (int i = 0; i < 2000; i++) {
            h.feed(Obs.at(i * 20 * SECOND).get("/api/orders/" + (100 + i % 7), 200));
        }
        assertThat(h.types()).doesNotContain(BehaviourType.BOLA);
    }

    @Test
    void theDistinctIdThresholdRisesWithWhatPeersDo() {
        DetectorHarness h = new DetectorHarness();
        for (int w = 0; w < 30; w++) {
            h.peers.add(Peers.Metric.DISTINCT_IDS, 30);
        }
        for (int id = 0; id < 60; id++) {
            h.feed(Obs.at(id * SECOND).get("/api/catalog/items/" + (9000 + id), 200));
        }
        assertThat(h.types()).doesNotContain(BehaviourType.BOLA);
    }
}
