package io.periscope.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void absentValuesTakeTheDefaultAndBadOnesNameTheParameter() {
        assertThat(QueryParameters.offset(null)).isZero();
        assertThat(QueryParameters.limit("", 50, 500)).isEqualTo(50);
        assertThatThrownBy(() -> QueryParameters.offset("-1"))
                .hasMessage("invalid parameter offset: expected an integer within 0..2147483647, was \"-1\"");
        assertThatThrownBy(() -> QueryParameters.limit("501", 50, 500))
                .hasMessage("invalid parameter limit: expected an integer within 1..500, was \"501\"");
        assertThatThrownBy(() -> QueryParameters.limit("1e3", 50, 500)).hasMessageStartingWith("invalid parameter limit: expected an integer");
    }

    @Test
    void datesAreIsoInstantsOrUtcDaysInMicroseconds() {
        assertThat(QueryParameters.instantMicros("newSince", "1970-01-02")).isEqualTo(86_400_000_000L);
        assertThat(QueryParameters.instantMicros("newSince", "1970-01-01T00:00:01.5Z")).isEqualTo(1_500_000L);
        assertThatThrownBy(() -> QueryParameters.instantMicros("newSince", "last week"))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("invalid parameter newSince:");
    }

    @Test
    void instantsWhoseMicrosecondsWouldOverflowALongAreRejectedByRange() {
        assertThatThrownBy(() -> QueryParameters.instantMicros("newSince", "+1000000000-01-01T00:00:00Z"))
                .hasMessageStartingWith("invalid parameter newSince: expected an instant within");
        assertThatThrownBy(() -> QueryParameters.instantMicros("newSince", "-999999999-01-01T00:00:00Z"))
                .hasMessageStartingWith("invalid parameter newSince: expected an instant within");
    }

    @Test
    void choicesAreCaseInsensitiveAndListTheAlternativesWhenWrong() {
        Map<String, Integer> choices = Map.of("asc", 1);
        assertThat(QueryParameters.choice("order", "ASC", choices, 0)).isEqualTo(1);
        assertThatThrownBy(() -> QueryParameters.choice("order", "up", choices, 0))
                .hasMessage("invalid parameter order: expected one of asc, was \"up\"");
    }

    @Test
    void methodsNamesAndTextAreBounded() {
        assertThat(QueryParameters.method("get")).isEqualTo("GET");
        assertThatThrownBy(() -> QueryParameters.method("GET /")).hasMessageStartingWith("invalid parameter method:");
        assertThat(QueryParameters.name("sensitive", "payment_card")).isEqualTo("payment_card");
        assertThatThrownBy(() -> QueryParameters.name("sensitive", "<b>")).hasMessageStartingWith("invalid parameter sensitive:");
        assertThatThrownBy(() -> QueryParameters.text("q", "x".repeat(201))).hasMessage("invalid parameter q: at most 200 characters");
        assertThatThrownBy(() -> QueryParameters.bool("unauthenticated", "yes")).hasMessageStartingWith("invalid parameter unauthenticated:");
    }

    @Test
    void aLongBadValueIsShortenedInTheMessage() {
        assertThatThrownBy(() -> QueryParameters.offset("9".repeat(100))).hasMessageContaining("…").hasMessageNotContaining("9".repeat(41));
    }
}
