package io.periscope.reassembly.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.tcp.MemoryBudget;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9112 §6.3 body delimitation, decided from a header section alone. */
class BodyFramingTest {
    private static final ParserLimits LIMITS = new ParserLimits(8192, 100, 65536, 65536, 65536, 65536,
            new MemoryBudget(1 << 20), new ReassemblyMetrics(new SimpleMeterRegistry()));

    private static MessageBuilder message(String startLine, String... fields) {
        boolean request = !startLine.startsWith("HTTP/");
        MessageBuilder m = new MessageBuilder(LIMITS);
        m.start(request, 0, 0, false, startLine.length());
        byte[] line = startLine.getBytes(StandardCharsets.ISO_8859_1);
        m.startLine(line, 0, line.length, false);
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(m.field(b, 0, b.length, false)).isNull();
        }
        return m;
    }

    private static BodyFraming request(String... fields) {
        return BodyFraming.of(message("POST /a HTTP/1.1", fields), null);
    }

    private static BodyFraming response(String pendingMethod, String statusLine, String... fields) {
        return BodyFraming.of(message(statusLine, fields), pendingMethod);
    }

    @Test
    void aRequestWithoutLengthHasNoBodyAndARequestWithALengthHasThatMany() {
        assertThat(request().kind()).isEqualTo(BodyFraming.Kind.NONE);
        assertThat(request("Content-Length: 0").kind()).isEqualTo(BodyFraming.Kind.NONE);
        BodyFraming fixed = request("Content-Length: 12");
        assertThat(fixed.kind()).isEqualTo(BodyFraming.Kind.FIXED);
        assertThat(fixed.length()).isEqualTo(12);
    }

    @Test
    void transferEncodingWinsOverContentLengthAndBothInARequestIsASmugglingSignal() {
        BodyFraming both = request("Content-Length: 5", "Transfer-Encoding: chunked");
        assertThat(both.kind()).isEqualTo(BodyFraming.Kind.CHUNKED);
        assertThat(both.bothLengths()).isTrue();
        assertThat(request("Transfer-Encoding: chunked").bothLengths()).isFalse();
    }

    @Test
    void aRequestWhoseFinalCodingIsNotChunkedCannotBeDelimited() {
        BodyFraming framing = request("Transfer-Encoding: chunked, gzip");
        assertThat(framing.kind()).isEqualTo(BodyFraming.Kind.MALFORMED);
        assertThat(framing.error()).isEqualTo(HttpError.BAD_TRANSFER_ENCODING);
    }

    @Test
    void repeatedIdenticalLengthsAreOneLengthAndDifferingOrInvalidOnesAreMalformed() {
        assertThat(request("Content-Length: 7, 7", "Content-Length: 7").length()).isEqualTo(7);
        assertThat(request("Content-Length: 7", "Content-Length: 8").error()).isEqualTo(HttpError.CONTENT_LENGTH_CONFLICT);
        assertThat(request("Content-Length: -1").error()).isEqualTo(HttpError.BAD_CONTENT_LENGTH);
        assertThat(request("Content-Length: 1234567890123456789").error()).isEqualTo(HttpError.BAD_CONTENT_LENGTH);
    }

    @Test
    void responsesWithoutLengthOrWithANonChunkedCodingEndWithTheConnection() {
        assertThat(response("GET", "HTTP/1.1 200 OK").kind()).isEqualTo(BodyFraming.Kind.UNTIL_CLOSE);
        assertThat(response("GET", "HTTP/1.1 200 OK", "Transfer-Encoding: gzip").kind())
                .isEqualTo(BodyFraming.Kind.UNTIL_CLOSE);
        assertThat(response("GET", "HTTP/1.1 200 OK", "Transfer-Encoding: chunked").kind())
                .isEqualTo(BodyFraming.Kind.CHUNKED);
    }

    @Test
    void headNoContentAndNotModifiedResponsesHaveNoBodyWhateverTheyAnnounce() {
        assertThat(response("HEAD", "HTTP/1.1 200 OK", "Content-Length: 10").kind()).isEqualTo(BodyFraming.Kind.NONE);
        assertThat(response("GET", "HTTP/1.1 204 No Content", "Content-Length: 10").kind()).isEqualTo(BodyFraming.Kind.NONE);
        assertThat(response("GET", "HTTP/1.1 304 Not Modified", "Content-Length: 10").kind()).isEqualTo(BodyFraming.Kind.NONE);
    }

    @Test
    void interimResponsesAwaitTheFinalOneAndSwitchesEndHttp1() {
        assertThat(response("GET", "HTTP/1.1 100 Continue").kind()).isEqualTo(BodyFraming.Kind.INTERIM);
        assertThat(response("GET", "HTTP/1.1 101 Switching Protocols", "Upgrade: h2c").kind())
                .isEqualTo(BodyFraming.Kind.SWITCH);
        assertThat(BodyFraming.isH2cUpgrade(message("HTTP/1.1 101 Switching Protocols", "Upgrade: h2c"))).isTrue();
        assertThat(BodyFraming.isH2cUpgrade(message("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket"))).isFalse();
        assertThat(response("CONNECT", "HTTP/1.1 200 Connection Established").kind()).isEqualTo(BodyFraming.Kind.SWITCH);
        assertThat(response("CONNECT", "HTTP/1.1 407 Proxy Authentication Required", "Content-Length: 0").kind())
                .isEqualTo(BodyFraming.Kind.NONE);
    }

    @Test
    void chunkSizesAreHexWithOptionalExtensionsAndBoundedAtTwoToTheForty() {
        assertThat(chunkSize("1a")).isEqualTo(26);
        assertThat(chunkSize("0")).isZero();
        assertThat(chunkSize("A ;name=value")).isEqualTo(10);
        assertThat(chunkSize("10000000000")).isEqualTo(1L << 40);
        assertThat(chunkSize("10000000001")).isEqualTo(-1);
        assertThat(chunkSize("")).isEqualTo(-1);
        assertThat(chunkSize("zz")).isEqualTo(-1);
        assertThat(chunkSize("5 junk")).isEqualTo(-1);
    }

    private static long chunkSize(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return BodyFraming.chunkSize(b, 0, b.length);
    }

    @Test
    void contentLengthIsAbsentOnlyWithoutAnyField() {
        assertThat(ContentLength.parse(List.of()).kind()).isEqualTo(ContentLength.Kind.ABSENT);
        assertThat(ContentLength.parse(List.of("")).kind()).isEqualTo(ContentLength.Kind.INVALID);
        assertThat(ContentLength.parse(List.of("3")).length()).isEqualTo(3);
    }

    @Test
    void framingFieldsAreFoundWhateverTheirSpellingAndWhateverNamesComeBefore() {
        // known spellings note their name as read; an unknown one ("CONTENT-LENGTH", "transfer-Encoding") must
        // still be found, also after fields of known names
        assertThat(request("Host: a", "CONTENT-LENGTH: 7").length()).isEqualTo(7);
        assertThat(request("content-length: 3", "Accept: */*").length()).isEqualTo(3);
        assertThat(request("Host: a", "transfer-Encoding: chunked").kind()).isEqualTo(BodyFraming.Kind.CHUNKED);
        assertThat(response(null, "HTTP/1.1 200 OK", "Server: x", "TRANSFER-ENCODING: chunked").kind())
                .isEqualTo(BodyFraming.Kind.CHUNKED);
        assertThat(response(null, "HTTP/1.1 200 OK", "Server: x").kind()).isEqualTo(BodyFraming.Kind.UNTIL_CLOSE);
        MessageBuilder upgrade = message("GET / HTTP/1.1", "Host: a", "UPGRADE: websocket", "connection: Upgrade");
        assertThat(upgrade.opensTunnel()).isTrue();
        assertThat(message("GET / HTTP/1.1", "Host: a", "Connection: Upgrade").opensTunnel()).isFalse();
    }
}
