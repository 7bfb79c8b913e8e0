package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.reassembly.support.Conversation;
import io.periscope.reassembly.support.Harness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 framing edge cases, from hand-written byte-exact messages fed as TCP segments. */
class HttpParsingTest {

    private static Conversation conn() {
        return Conversation.between("10.1.0.5", 40000, "10.2.0.9", 8080).handshake();
    }

    private static String body(HttpExchange e, boolean request) {
        return new String((request ? e.request().body() : e.response().body()).content(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void repeatedHeadersKeepEveryValueInOrder() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("GET /a HTTP/1.1\r\nHost: api.example\r\nAccept: a/b\r\nX-Tag: 1\r\naccept: c/d\r\nX-Tag: 2\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nVary: x\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok")
                .close());
        assertThat(out).hasSize(1);
        HttpExchange e = out.get(0);
        assertThat(e.request().headerValues("accept")).containsExactly("a/b", "c/d");
        assertThat(e.request().headerValues("x-tag")).containsExactly("1", "2");
        assertThat(e.response().headerValues("set-cookie")).hasSize(2)
                .allSatisfy(v -> assertThat(v).contains("[redacted:Cookie:"));
        assertThat(e.response().headerValues("set-cookie").get(0)).startsWith("a=");
        assertThat(e.response().headerValues("set-cookie").get(1)).startsWith("b=");
        assertThat(e.serverHost()).isEqualTo("api.example");
        assertThat(e.flags()).isEmpty();
    }

    @Test
    void identicalDuplicateContentLengthsAreOneLength() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nfirstHTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond")
                .close());
        assertThat(out).extracting(e -> e.request().path()).containsExactly("/p", "/next");
        assertThat(body(out.get(0), true)).isEqualTo("hello");
        assertThat(body(out.get(0), false)).isEqualTo("first");
        assertThat(body(out.get(1), false)).isEqualTo("second");
        assertThat(out).allSatisfy(e -> assertThat(e.flags()).isEmpty());
    }

    @Test
    void conflictingContentLengthsMarkTheMessageMalformedAndTheStreamResynchronizes() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("POST /smuggle HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 40\r\n\r\nhello"
                        + "GET /after HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .close());
        assertThat(out).hasSize(2);
        assertThat(out.get(0).request().path()).isEqualTo("/smuggle");
        assertThat(out.get(0).flags()).contains(ExchangeFlag.MALFORMED);
        assertThat(out.get(0).response().status()).isEqualTo(400);
        assertThat(out.get(1).request().path()).isEqualTo("/after");
        assertThat(out.get(1).response().status()).isEqualTo(200);
        assertThat(h.metric("http.errors{reason=content_length_conflict}")).isEqualTo(1);
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreDechunked() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn().segmentSize(7)
                .client("POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;name=value\r\nhello\r\n6 ; ext\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
                .close());
        HttpExchange e = out.get(0);
        assertThat(body(e, true)).isEqualTo("hello world");
        assertThat(e.request().body().wireLength()).isEqualTo(11);
        assertThat(e.request().trailers()).containsExactly(new Header("X-Checksum", "abc"), new Header("X-Other", "1"));
        assertThat(body(e, false)).isEqualTo("0123456789");
        assertThat(e.flags()).isEmpty();
    }

    @Test
    void pipelinedRequestsPairInOrderWithTheirResponses() {
        Harness h = new Harness();
        StringBuilder reqs = new StringBuilder();
        StringBuilder resps = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            reqs.append("GET /item/").append(i).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
            resps.append("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n").append(i);
        }
        List<HttpExchange> out = h.run(conn().client(reqs.toString()).server(resps.toString()).close());
        assertThat(out).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(out.get(i).request().path()).isEqualTo("/item/" + i);
            assertThat(body(out.get(i), false)).isEqualTo(Integer.toString(i));
        }
        assertThat(out).extracting(HttpExchange::id).doesNotHaveDuplicates();
    }

    @Test
    void severalInterimResponsesPrecedeTheFinalOne() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("POST /u HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
                .server("HTTP/1.1 100 Continue\r\n\r\n")
                .client("abc")
                .server("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
                .close());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).response().status()).isEqualTo(201);
        assertThat(out.get(0).response().informational()).containsExactly(100, 100, 102);
        assertThat(body(out.get(0), true)).isEqualTo("abc");
        assertThat(h.metric("messages{type=informational}")).isEqualTo(3);
    }

    @Test
    void headAnd204And304ResponsesHaveNoBodyDespiteContentLength() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\nDELETE /y HTTP/1.1\r\nHost: h\r\n\r\nGET /z HTTP/1.1\r\nHost: h\r\n\r\nGET /w HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"
                        + "HTTP/1.1 204 No Content\r\n\r\n"
                        + "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .close());
        assertThat(out).extracting(e -> e.response().status()).containsExactly(200, 204, 304, 200);
        assertThat(out.subList(0, 3)).allSatisfy(e -> assertThat(e.response().body().content()).isEmpty());
        assertThat(body(out.get(3), false)).isEqualTo("ok");
    }

    @Test
    void aResponseWithoutLengthIsDelimitedByConnectionClose() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("GET /old HTTP/1.0\r\nHost: h\r\n\r\n")
                .server("HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nuntil the end")
                .close());
        assertThat(out).hasSize(1);
        assertThat(body(out.get(0), false)).isEqualTo("until the end");
        assertThat(out.get(0).response().body().contentType()).isEqualTo("text/plain");
        assertThat(out.get(0).flags()).isEmpty();
    }

    @Test
    void websocketUpgradeStopsParsingAndFlagsTheExchange() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("GET /ws HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                .server("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                .client(new byte[] {(byte) 0x81, 0x05, 'G', 'E', 'T', ' ', '/'})
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .close());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).response().status()).isEqualTo(101);
        assertThat(out.get(0).flags()).contains(ExchangeFlag.UPGRADED);
        assertThat(h.metric("http.protocol{kind=upgraded}")).isEqualTo(1);
        assertThat(h.metric("segments.dropped{reason=ignored_stream}")).isEqualTo(2);
    }

    @Test
    void aSuccessfulConnectBecomesATunnel() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("CONNECT db.internal:5432 HTTP/1.1\r\nHost: db.internal:5432\r\n\r\n")
                .server("HTTP/1.1 200 Connection established\r\n\r\n")
                .client("\u0016\u0003\u0001 binary tls hello")
                .server("\u0016\u0003\u0003 binary tls answer")
                .close());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).request().method()).isEqualTo("CONNECT");
        assertThat(out.get(0).flags()).contains(ExchangeFlag.UPGRADED);
    }

    @Test
    void theHttp2PrefaceIsCountedAndNotParsed() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0012\u0004")
                .server("\u0000\u0000\u0000\u0004\u0001")
                .close());
        assertThat(out).isEmpty();
        assertThat(h.metric("http.protocol{kind=h2_prior_knowledge}")).isEqualTo(1);
    }

    @Test
    void anH2cUpgradeIsCounted() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                .server("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n\u0000\u0000\u0000\u0004")
                .close());
        assertThat(out).hasSize(1);
        assertThat(h.metric("http.protocol{kind=h2c_upgrade}")).isEqualTo(1);
    }

    @Test
    void anOverlongHeaderLineIsCountedAndTheNextMessageStillParses() {
        Harness h = new Harness(b -> b.maxLineLength(200));
        List<HttpExchange> out = h.run(conn()
                .client("GET /big HTTP/1.1\r\nHost: h\r\nX-Long: " + "x".repeat(500) + "\r\n\r\nGET /small HTTP/1.1\r\nHost: h\r\n\r\n")
                .server("HTTP/1.1 431 Too Large\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                .close());
        assertThat(out).extracting(e -> e.request().path()).containsExactly("/big", "/small");
        assertThat(out.get(0).flags()).contains(ExchangeFlag.MALFORMED);
        assertThat(out.get(1).response().status()).isEqualTo(200);
        assertThat(h.metric("http.errors{reason=line_too_long}")).isEqualTo(1);
    }

    @Test
    void tooManyHeadersAndAnOversizedHeaderSectionAreCountedByReason() {
        Harness h = new Harness(b -> b.maxHeaderCount(10).maxHeaderBytes(600));
        StringBuilder many = new StringBuilder("GET /many HTTP/1.1\r\n");
        for (int i = 0; i < 20; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        StringBuilder large = new StringBuilder("GET /large HTTP/1.1\r\n");
        for (int i = 0; i < 8; i++) {
            large.append("X-Big-").append(i).append(": ").append("y".repeat(100)).append("\r\n");
        }
        h.run(conn().client(many + "\r\n" + large + "\r\nGET /fine HTTP/1.1\r\nHost: h\r\n\r\n").close());
        assertThat(h.metric("http.errors{reason=too_many_headers}")).isEqualTo(1);
        assertThat(h.metric("http.errors{reason=header_section_too_large}")).isEqualTo(1);
        assertThat(h.exchanges).extracting(e -> e.request().path()).containsExactly("/many", "/large", "/fine");
        assertThat(h.exchanges.get(2).flags()).doesNotContain(ExchangeFlag.MALFORMED);
    }

    @Test
    void garbageBetweenMessagesResynchronizesAtTheNextRequestLine() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(conn()
                .client("GET /one HTTP/1.1\r\nHost: h\r\n\r\n\u0001\u0002garbage that is not http\r\nmore junkGET /two HTTP/1.1\r\nHost: h\r\n\r\n")
                .close());
        assertThat(out).extracting(e -> e.request().path()).containsExactly("/one", "/two");
        assertThat(h.metric("http.errors{reason=bad_start_line}")).isEqualTo(1);
    }

    @Test
    void httpOnANonStandardPortIsRecognizedByContent() {
        Harness h = new Harness();
        List<HttpExchange> out = h.run(Conversation.between("192.168.7.7", 51000, "192.168.7.8", 31337).handshake()
                .client("GET /odd HTTP/1.1\r\nHost: toni.lan:31337\r\n\r\n")
                .server("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").close());
        assertThat(out).hasSize(1);
        assertThat(out.get(0).serverHost()).isEqualTo("toni.lan:31337");
        assertThat(out.get(0).connection().serverPort()).isEqualTo(31337);
    }

    @Test
    void aNonHttpConnectionIsIgnoredAfterTheDetectionBudget() {
        Harness h = new Harness(b -> b.maxDetectBytes(1000));
        byte[] noise = new byte[5000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) (i * 31 + 7);
        }
        List<HttpExchange> out = h.run(Conversation.between("10.0.0.1", 1234, "10.0.0.2", 5432).client(noise).server(noise).close());
        assertThat(out).isEmpty();
        assertThat(h.metric("http.skipped.bytes{reason=not_http}")).isGreaterThan(1000);
        assertThat(h.metric("segments.dropped{reason=ignored_stream}")).isGreaterThan(0);
    }
}
