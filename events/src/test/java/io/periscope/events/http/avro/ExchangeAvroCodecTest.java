package io.periscope.events.http.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.kafka.JsonSerde;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ExchangeAvroCodecTest {
    static List<HttpExchange> exchanges() {
        return RealisticExchanges.all();
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void anExchangeReadsBackEqualFieldByField(HttpExchange original) {
        HttpExchange read = ExchangeAvroCodec.decode(ExchangeAvroCodec.encode(original));

        assertThat(read).usingRecursiveComparison().ignoringCollectionOrderInFields("flags").isEqualTo(original);
    }

    @ParameterizedTest
    @MethodSource("exchanges")
    void anExchangeReadsBackAsTheSameJson(HttpExchange original) {
        JsonSerde<HttpExchange> json = JsonSerde.of(HttpExchange.class);
        HttpExchange read = ExchangeAvroCodec.decode(ExchangeAvroCodec.encode(original));

        // JSON of both through one more round trip, so the order of the flags set is the same on both sides
        assertThat(json.serialize("t", json.deserialize("t", json.serialize("t", read))))
                .isEqualTo(json.serialize("t", json.deserialize("t", json.serialize("t", original))));
    }

    @Test
    void repeatedHeadersAndQueryParametersKeepTheirOrder() {
        HttpExchange read = ExchangeAvroCodec.decode(ExchangeAvroCodec.encode(RealisticExchanges.login()));

        assertThat(read.request().headerValues("accept")).containsExactly("application/json", "text/plain");
        assertThat(read.response().headerValues("set-cookie")).hasSize(2);
        assertThat(read.request().query()).extracting(q -> q.name() + "=" + q.value())
                .containsExactly("next=/home", "flag=null", "flag=2");
    }

    @Test
    void avroIsAboutHalfTheBytesOfJsonForABodyHeavyExchange() {
        HttpExchange x = RealisticExchanges.binaryDownload();
        int json = JsonSerde.of(HttpExchange.class).serialize("t", x).length;

        // the body goes raw instead of base64 and no field name is repeated
        assertThat(ExchangeAvroCodec.encode(x).length).isLessThan(json * 3 / 4);
    }

    @Test
    void aRequiredFieldThatIsNullFailsNamingTheFieldNotTheValue() {
        HttpExchange x = RealisticExchanges.login();
        HttpRequest r = x.request();
        HttpRequest broken = new HttpRequest(r.method(), r.target(), r.path(), r.query(), r.httpVersion(),
                List.of(new Header("Cookie", null)), r.trailers(), r.body());
        HttpExchange bad = new HttpExchange(x.schemaVersion(), x.id(), x.source(), x.connection(), x.clientIp(),
                x.clientIpSource(), x.serverHost(), broken, x.response(), x.timings(), x.flags(), x.credentials());

        assertThatThrownBy(() -> ExchangeAvroCodec.encode(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HttpExchange.request.headers.value is null; the Avro schema requires a value");
    }

    @Test
    void encodingOneThreadsLargeExchangeDoesNotLeakIntoTheNextOne() {
        byte[] big = ExchangeAvroCodec.encode(RealisticExchanges.binaryDownload());
        byte[] small = ExchangeAvroCodec.encode(RealisticExchanges.responseOnly());

        assertThat(ExchangeAvroCodec.decode(small).id()).isEqualTo("c4-9");
        assertThat(ExchangeAvroCodec.decode(big).id()).isEqualTo("c2-3");
    }
}
