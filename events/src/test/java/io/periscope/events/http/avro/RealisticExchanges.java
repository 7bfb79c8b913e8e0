package io.periscope.events.http.avro;

import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Exchanges shaped as the sensor publishes them, one per case the format must carry: bodies (JSON, binary with every
 * byte value, truncated, unscanned, scanned past the published part), repeated headers and query parameters, redacted
 * credentials with and without a JWT, every nullable field null, text outside ASCII, one-sided exchanges.
 */
public final class RealisticExchanges {
    private static final Timings TIMINGS =
            new Timings(1_700_000_000_000_000L, 1_700_000_000_000_100L, 1_700_000_000_001_000L, 1_700_000_000_001_200L);

    private RealisticExchanges() {
    }

    public static List<HttpExchange> all() {
        return List.of(login(), binaryDownload(), nullsEverywhere(), responseOnly(), requestOnlyNonAscii());
    }

    /** A sign-in: form body, repeated headers, a redacted bearer JWT and a login credential, cookies set twice. */
    public static HttpExchange login() {
        HttpRequest request = new HttpRequest("POST", "/v1/login?next=%2Fhome&flag&flag=2", "/v1/login",
                List.of(new QueryParam("next", "/home"), new QueryParam("flag", null), new QueryParam("flag", "2")),
                "HTTP/1.1",
                List.of(new Header("Host", "api.example.com"), new Header("Accept", "application/json"),
                        new Header("Accept", "text/plain"), new Header("Authorization", "[redacted:Bearer:1f2e3d4c]"),
                        new Header("X-Forwarded-For", "198.51.100.7, 10.0.0.1")),
                List.of(),
                new Body("{\"username\":\"a***@example.com\",\"password\":\"[redacted:Secret:9a8b]\"}"
                        .getBytes(StandardCharsets.UTF_8), 64, 64, false, "application/json", List.of(), false,
                        null, BodyScan.whole(64)));
        HttpResponse response = new HttpResponse("HTTP/1.1", 200, "OK", List.of(100),
                List.of(new Header("Content-Type", "application/json; charset=utf-8"),
                        new Header("Set-Cookie", "session=[redacted:Cookie:77aa]; HttpOnly"),
                        new Header("Set-Cookie", "theme=dark")),
                List.of(new Header("Server-Timing", "db;dur=53")),
                new Body("{\"token\":\"[redacted:Jwt:5c6d]\"}".getBytes(StandardCharsets.UTF_8), 120, 240, false,
                        "application/json", List.of("gzip"), true, null,
                        new BodyScan(240, false, List.of(new BodyScan.Found("email", "$.user.email", 2, 0.93,
                                "b***@example.com"), new BodyScan.Found("iban", "$.accounts[*].iban", 1, 1.0, null)))));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c1-0", new MirrorSource("prod", 123, "receiver-1"),
                new Connection("c1", "10.0.0.1", 50000, "10.0.0.2", 8080), "198.51.100.7",
                ClientIpSource.X_FORWARDED_FOR, "api.example.com", request, response, TIMINGS,
                Set.of(ExchangeFlag.MIDSTREAM, ExchangeFlag.GAP),
                List.of(new Credential(Credential.Location.HEADER, "Authorization", "Bearer", "1f2e3d4c", null,
                                new JwtInfo("RS256", "k1", "JWT", "https://issuer.example", "user-1",
                                        List.of("api", "admin"), 1_700_003_600L, 1_700_000_000L, "jti-1")),
                        new Credential(Credential.Location.BODY, "username", "Login", "aa11", "a***@example.com", null),
                        new Credential(Credential.Location.BODY, "/token", "Jwt", "5c6d", null,
                                new JwtInfo("none", null, null, null, null, List.of(), null, null, null),
                                Credential.Direction.RESPONSE)));
    }

    /** A binary body with every byte value, cut at the sensor's cap and left unscanned. */
    public static HttpExchange binaryDownload() {
        byte[] content = new byte[4096];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        HttpRequest request = new HttpRequest("GET", "/files/report.pdf", "/files/report.pdf", List.of(), "HTTP/1.1",
                List.of(new Header("Host", "files.example.com"), new Header("Range", "bytes=0-")), List.of(), Body.EMPTY);
        HttpResponse response = new HttpResponse("HTTP/1.1", 206, "Partial Content", List.of(),
                List.of(new Header("Content-Type", "application/pdf"), new Header("Transfer-Encoding", "chunked")),
                List.of(new Header("X-Checksum", "abc")),
                new Body(content, 1_048_576, 1_048_576, true, "application/pdf", List.of(), false,
                        Body.Unscanned.BINARY, null));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c2-3", new MirrorSource("default", MirrorSource.NO_VNI, "r2"),
                new Connection("c2", "2001:db8::1", 443, "2001:db8::2", 8443), "2001:db8::1", ClientIpSource.PEER,
                "files.example.com", request, response, TIMINGS, EnumSet.of(ExchangeFlag.BODY_TRUNCATED), List.of());
    }

    /** Every field that may be null is null; unknown timings. */
    public static HttpExchange nullsEverywhere() {
        HttpRequest request = new HttpRequest(null, null, null, null, null, null, null, null);
        HttpResponse response = new HttpResponse(null, 0, null, null, null, null,
                new Body(null, 0, 0, false, null, null, false, Body.Unscanned.UNDECODED, null));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c3-0", new MirrorSource("s", 0, "r"),
                new Connection("c3", "10.0.0.3", 1, "10.0.0.4", 2), null, null, "10.0.0.4:2", request, response,
                new Timings(-1, -1, -1, -1), null,
                List.of(new Credential(Credential.Location.COOKIE, null, null, null, null, null)));
    }

    /** Only a response was seen (picked up mid-stream), with every flag set. */
    public static HttpExchange responseOnly() {
        HttpResponse response = new HttpResponse("HTTP/1.0", 503, "Service Unavailable", List.of(100, 103),
                List.of(new Header("Retry-After", "120")), List.of(),
                new Body("busy".getBytes(StandardCharsets.US_ASCII), 4, 4, false, "text/plain", List.of(), false));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c4-9", new MirrorSource("staging", 7, "r1"),
                new Connection("c4", "10.1.0.1", 40000, "10.1.0.2", 80), "10.1.0.1", ClientIpSource.PEER,
                "legacy.example.com", null, response, new Timings(-1, -1, 1_700_000_000_001_000L, 1_700_000_000_001_200L),
                EnumSet.allOf(ExchangeFlag.class), List.of());
    }

    /** Only a request was seen; its text is not ASCII (a header value, a query value, the host). */
    public static HttpExchange requestOnlyNonAscii() {
        HttpRequest request = new HttpRequest("PUT", "/caf%C3%A9?q=gr%C3%BC%C3%9Fe", "/café",
                List.of(new QueryParam("q", "grüße 😀")), "HTTP/1.1",
                List.of(new Header("Host", "bücher.example"), new Header("X-Note", "naïve — ☃")), List.of(),
                new Body("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8), 14, 14, false, "application/json",
                        List.of("br", "gzip"), true));
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c5-1", new MirrorSource("prod", 1, "r1"),
                new Connection("c5", "10.2.0.1", 1234, "10.2.0.2", 443), "10.2.0.1", ClientIpSource.FORWARDED,
                "bücher.example", request, null, new Timings(1_700_000_000_000_000L, 1_700_000_000_000_100L, -1, -1),
                EnumSet.of(ExchangeFlag.UNPAIRED_REQUEST), List.of());
    }
}
