package io.periscope.detection.signature.nosql;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoSqlInjectionDetectorTest {
    private final NoSqlInjectionDetector detector = new NoSqlInjectionDetector();
    private static final InputLocation VALUE = new InputLocation(LocationKind.QUERY_VALUE, "password");

    @ParameterizedTest
    @ValueSource(strings = {"{\"$ne\": null}", "{\"$gt\": \"\"}", "{ $ne: 1 }", "', $where: '1 == 1'", "password[$ne]",
            "user[$regex]", "{\"$where\": \"sleep(100)\"}", "';return true;var x='", "' || '1'=='1"})
    void operatorsWhereAPlainValueBelongsAreFound(String v) {
        assertThat(detector.inspect(v, VALUE)).isPresent();
    }

    @Test
    void anOperatorAsAJsonKeyIsFoundAndServerSideJavascriptRatesHighest() {
        var key = new InputLocation(LocationKind.JSON_KEY, "/password/$ne");
        assertThat(detector.inspect("$ne", key)).hasValueSatisfying(m -> assertThat(m.confidence()).isGreaterThanOrEqualTo(0.9));
        assertThat(detector.inspect("$where", new InputLocation(LocationKind.JSON_KEY, "/$where")))
                .hasValueSatisfying(m -> assertThat(m.rule()).isEqualTo("nosql.server-side-js"));
        assertThat(detector.inspect("$schema", new InputLocation(LocationKind.JSON_KEY, "/$schema"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"costs $10", "pay $in cash", "{\"filter\":{\"price\":{\"$lt\":100}}}", "$type", "US$ne",
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\"}"})
    void pricesSchemasAndComparisonFiltersAreNotInjection(String v) {
        assertThat(detector.inspect(v, VALUE)).isEmpty();
    }
}
