package io.periscope.events.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.kafka.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class HttpExchangeJsonTest {
    private final JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);

    static HttpExchange sample() {
        HttpRequest request = new HttpRequest("GET", "/users/42?tag=a&tag=b", "/users/42",
                List.of(new QueryParam("tag", "a"), new QueryParam("tag", "b")), "HTTP/1.1",
                List.of(new Header("Host", "api.example.com"), new Header("Accept", "a/b"), new Header("Accept", "c/d")),
                List.of(), Body.EMPTY);
        HttpResponse response = new HttpResponse("HTTP/1.1", 200, "OK", List.of(100),
                List.of(new Header("Content-Type", "application/json")), List.of(),
                new Body("{\"id\":42}".getBytes(StandardCharsets.UTF_8), 9, 9, false, "application/json", List.of(), false));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c1-0", new MirrorSource("prod", 123, "r1"),
                new Connection("c1", "10.0.0.1", 50000, "10.0.0.2", 8080), "203.0.113.9",
                ClientIpSource.X_FORWARDED_FOR, "api.example.com", request, response,
                new Timings(1_700_000_000_000_000L, 1_700_000_000_000_100L, 1_700_000_000_001_000L, 1_700_000_000_001_200L),
                Set.of(ExchangeFlag.MIDSTREAM),
                List.of(new Credential(Credential.Location.HEADER, "Authorization", "Bearer", "ab12", null,
                        new JwtInfo("RS256", "k1", "JWT", "iss", "user-1", List.of("api"), 1L, 2L, null))));
    }

    @Test
    void anExchangeSurvivesAJsonRoundTripWithRepeatedHeadersInOrder() {
        HttpExchange original = sample();
        HttpExchange read = serde.deserialize("t", serde.serialize("t", original));

        assertThat(read.request().headerValues("accept")).containsExactly("a/b", "c/d");
        assertThat(read.request().query()).containsExactly(new QueryParam("tag", "a"), new QueryParam("tag", "b"));
        assertThat(read.response().body().content()).isEqualTo(original.response().body().content());
        assertThat(read.credentials()).isEqualTo(original.credentials());
        assertThat(read.timings().serverLatencyMicros()).isEqualTo(900);
        assertThat(read.serviceKey()).isEqualTo("prod|api.example.com");
        assertThat(read.flags()).containsExactly(ExchangeFlag.MIDSTREAM);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String json = new String(serde.serialize("t", sample()), StandardCharsets.UTF_8)
                .replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");
        assertThat(serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8)).id()).isEqualTo("c1-0");
    }

    @Test
    void anUnreadableValueRaisesASerializationExceptionNamingTheType() {
        assertThatThrownBy(() -> serde.deserialize("t", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("HttpExchange");
    }

    @Test
    void anExchangeWithNeitherRequestNorResponseIsRejected() {
        HttpExchange s = sample();
        assertThatThrownBy(() -> new HttpExchange(1, "x", s.source(), s.connection(), null, null, "h", null, null,
                s.timings(), Set.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCredentialWrittenBeforeDirectionsExistedReadsAsPresentedByTheRequest() {
        String json = new String(serde.serialize("t", sample()), StandardCharsets.UTF_8).replace(",\"direction\":\"REQUEST\"", "");
        assertThat(json).doesNotContain("direction");
        Credential read = serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8)).credentials().get(0);
        assertThat(read.direction()).isEqualTo(Credential.Direction.REQUEST);
        assertThat(read.presented()).isTrue();
    }

    @Test
    void bodyCredentialsOfTheResponseAndAnUnscannedBodySurviveARoundTrip() {
        HttpExchange s = sample();
        Credential issued = new Credential(Credential.Location.BODY, "/accessToken", "Jwt", "cd34", null, null,
                Credential.Direction.RESPONSE);
        HttpResponse binary = new HttpResponse("HTTP/1.1", 200, "OK", List.of(), List.of(), List.of(),
                new Body(new byte[] {0, 1}, 2, 2, false, "image/png", List.of(), false, Body.Unscanned.BINARY));
        HttpExchange e = new HttpExchange(s.schemaVersion(), s.id(), s.source(), s.connection(), s.clientIp(),
                s.clientIpSource(), s.serverHost(), s.request(), binary, s.timings(), s.flags(),
                List.of(s.credentials().get(0), issued));
        HttpExchange read = serde.deserialize("t", serde.serialize("t", e));
        assertThat(read.credentials()).containsExactly(s.credentials().get(0), issued);
        assertThat(read.authenticationCredentials()).containsExactly(s.credentials().get(0));
        assertThat(read.response().body().unscanned()).isEqualTo(Body.Unscanned.BINARY);
    }

    @Test
    void theMalformedFlagSurvivesARoundTrip() {
        HttpExchange s = sample();
        HttpExchange flagged = new HttpExchange(s.schemaVersion(), s.id(), s.source(), s.connection(), s.clientIp(),
                s.clientIpSource(), s.serverHost(), s.request(), s.response(), s.timings(),
                Set.of(ExchangeFlag.MALFORMED, ExchangeFlag.GAP), s.credentials());
        assertThat(serde.deserialize("t", serde.serialize("t", flagged)).flags())
                .containsExactlyInAnyOrder(ExchangeFlag.MALFORMED, ExchangeFlag.GAP);
    }
}
