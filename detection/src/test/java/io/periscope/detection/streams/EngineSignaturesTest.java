package io.periscope.detection.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.Exchanges;
import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.QueryParam;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSignaturesTest {
    private static final Principals WHO = new Principals("203.0.113.9", ClientIpSource.PEER, null, null, null, Map.of());
    private final EngineSignatures signatures = new EngineSignatures(SignatureEngine.withDefaults());

    private static HttpExchange search(String q, int status) {
        return Exchanges.exchange(Exchanges.request("GET", "/items", List.of(new QueryParam("q", q)), List.of(), null, null),
                Exchanges.response(status, "application/json", "[]", 2));
    }

    @Test
    void anInjectionRefusedByTheServerIsASignatureProbeOfTheActorWithItsLocationAndEvidence() {
        List<Signal> out = signatures.inspect(search("1' OR '1'='1' -- ", 403), WHO, "ip:203.0.113.9");
        assertThat(out).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo(Detector.SIGNATURE);
            assertThat(s.type()).isEqualTo("SQL_INJECTION");
            assertThat(s.actorId()).isEqualTo("ip:203.0.113.9");
            assertThat(s.outcome()).isEqualTo(Outcome.PROBE);
            assertThat(s.location()).isEqualTo("QUERY_VALUE q");
            assertThat(s.exchangeId()).isEqualTo("c1-1");
            assertThat(s.evidence()).isNotBlank();
            assertThat(s.method()).isEqualTo("GET");
        });
    }

    @Test
    void theSameExchangeYieldsTheSameSignalIdsSoAReplayIsNotReportedTwice() {
        HttpExchange e = search("<script>alert(1)</script>", 200);
        assertThat(signatures.inspect(e, WHO, "a")).extracting(Signal::id)
                .isNotEmpty()
                .isEqualTo(signatures.inspect(e, WHO, "a").stream().map(Signal::id).toList());
    }

    @Test
    void anOrdinaryRequestGivesNoSignal() {
        assertThat(signatures.inspect(search("blue running shoes size 42", 200), WHO, "a")).isEmpty();
    }
}
