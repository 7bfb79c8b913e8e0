package io.periscope.events.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.http.ClientIpSource;
import io.periscope.events.kafka.JsonSerde;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentJsonTest {

    @Test
    void anIncidentSurvivesTheJsonRoundTripWithEveryNestedValue() {
        Incident incident = new Incident(Incident.SCHEMA_VERSION, "inc-1", 3, IncidentChange.ESCALATED, IncidentStatus.OPEN,
                new Actor("ip:203.0.113.7", List.of(new ActorAddress("203.0.113.7", ClientIpSource.X_FORWARDED_FOR, 40)),
                        List.of("ab12"), List.of("alice"), false),
                List.of("BOLA", "SQL_INJECTION"), Severity.HIGH, 0.9, Outcome.LIKELY_SUCCESS, Verdict.BLOCK,
                "SQL injection answered 200 with a database error", 1_000, 2_000, 40, 12,
                List.of(new EndpointTouch("s|api.example", "e1", "GET", "/items/{id}", 30)),
                List.of(new Evidence("SQL_INJECTION", "x-1", "QUERY_VALUE id", "1' OR '1'='1", 200, 1_500)),
                List.of(new TimelineEntry(1_000, "SQL_INJECTION", Severity.HIGH, 12, "12 SQL injection attempts")), 2_000);
        try (JsonSerde<Incident> serde = new JsonSerde<>(Incident.class)) {
            Incident back = serde.deserialize("periscope.incidents", serde.serialize("periscope.incidents", incident));
            assertThat(back).isEqualTo(incident);
        }
    }

    @Test
    void aSignalRefusesAConfidenceOutsideZeroToOneAndCutsLongEvidence() {
        Principals who = new Principals("203.0.113.7", ClientIpSource.PEER, null, null, null, Map.of());
        assertThatThrownBy(() -> new Signal(1, "s", "a", Detector.SIGNATURE, "XSS", Severity.LOW, 1.5, Outcome.PROBE, who,
                null, null, null, null, null, null, null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        Signal s = new Signal(1, "s", "a", Detector.SIGNATURE, "XSS", Severity.LOW, 0.5, Outcome.PROBE, who,
                null, null, null, null, null, null, "x".repeat(500), null, 0);
        assertThat(s.evidence()).hasSize(Signal.MAX_EVIDENCE);
    }
}
