package io.periscope.discovery.testing;

import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builds exchanges the way the reassembler publishes them, for unit tests. */
public final class ExchangeBuilder {
    private static final AtomicLong SEQ = new AtomicLong();

    private String session = "prod";
    private String host = "api.example.test";
    private String method = "GET";
    private String target = "/";
    private final List<Header> requestHeaders = new ArrayList<>();
    private byte[] requestBody = new byte[0];
    private String requestType;
    private int status = 200;
    private boolean noResponse;
    private byte[] responseBody = new byte[0];
    private String responseType;
    /** A response body as the sensor published it (cut content, scan summary), instead of responseBody. */
    private Body publishedResponse;
    private String clientIp = "10.0.0.1";
    private long at = 1_700_000_000_000_000L;
    private boolean timed = true;
    private long latencyMicros = 1500;
    private final List<Credential> credentials = new ArrayList<>();
    private final List<Header> responseHeaders = new ArrayList<>();

    public static ExchangeBuilder request(String method, String target) {
        ExchangeBuilder b = new ExchangeBuilder();
        b.method = method;
        b.target = target;
        return b;
    }

    public ExchangeBuilder host(String h) {
        host = h;
        return this;
    }

    public ExchangeBuilder session(String s) {
        session = s;
        return this;
    }

    public ExchangeBuilder header(String name, String value) {
        requestHeaders.add(new Header(name, value));
        return this;
    }

    public ExchangeBuilder jsonBody(String json) {
        requestBody = json.getBytes(StandardCharsets.UTF_8);
        requestType = "application/json";
        return this;
    }

    public ExchangeBuilder body(String contentType, String content) {
        requestBody = content.getBytes(StandardCharsets.UTF_8);
        requestType = contentType;
        return this;
    }

    public ExchangeBuilder status(int s) {
        status = s;
        return this;
    }

    public ExchangeBuilder noResponse() {
        noResponse = true;
        return this;
    }

    public ExchangeBuilder respondJson(String json) {
        responseBody = json.getBytes(StandardCharsets.UTF_8);
        responseType = "application/json";
        return this;
    }

    public ExchangeBuilder respond(String contentType, String content) {
        responseBody = content.getBytes(StandardCharsets.UTF_8);
        responseType = contentType;
        return this;
    }

    /** Responds with {@code body} as the sensor would publish it (its content type included). */
    public ExchangeBuilder respondWith(Body body) {
        publishedResponse = body;
        responseType = body.contentType();
        return this;
    }

    public ExchangeBuilder responseHeader(String name, String value) {
        responseHeaders.add(new Header(name, value));
        return this;
    }

    public ExchangeBuilder client(String ip) {
        clientIp = ip;
        return this;
    }

    public ExchangeBuilder at(long micros) {
        at = micros;
        return this;
    }

    /** An exchange whose capture observed no time. */
    public ExchangeBuilder untimed() {
        timed = false;
        return this;
    }

    public ExchangeBuilder latency(long micros) {
        latencyMicros = micros;
        return this;
    }

    public ExchangeBuilder bearer(String scheme, JwtInfo jwt) {
        requestHeaders.add(new Header("Authorization", "[redacted]"));
        credentials.add(new Credential(Credential.Location.HEADER, "Authorization", scheme, "fp" + scheme, null, jwt));
        return this;
    }

    /** A token the response issued in its body (a sign-in), as the sensor describes it. */
    public ExchangeBuilder issuedInResponseBody(String pointer, String scheme) {
        credentials.add(new Credential(Credential.Location.BODY, pointer, scheme, "fpr", null, null,
                Credential.Direction.RESPONSE));
        return this;
    }

    /** A password the request submitted in its body (a sign-in), as the sensor describes it. */
    public ExchangeBuilder passwordInRequestBody(String pointer) {
        credentials.add(new Credential(Credential.Location.BODY, pointer, "Password", "fpp", null, null,
                Credential.Direction.REQUEST));
        return this;
    }

    public ExchangeBuilder apiKeyInQuery(String name) {
        credentials.add(new Credential(Credential.Location.QUERY, name, "ApiKey", "fpq", null, null));
        return this;
    }

    public HttpExchange build() {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        List<QueryParam> query = new ArrayList<>();
        if (q >= 0) {
            for (String pair : target.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                boolean credential = credentials.stream().anyMatch(c -> c.location() == Credential.Location.QUERY && c.name().equals(name));
                query.add(new QueryParam(name, credential ? "[redacted]" : value));
            }
        }
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Host", host));
        headers.addAll(requestHeaders);
        if (requestType != null) {
            headers.add(new Header("Content-Type", requestType));
        }
        HttpRequest req = new HttpRequest(method, target, path, query, "HTTP/1.1", headers, List.of(),
                requestBody.length == 0 ? Body.EMPTY : new Body(requestBody, requestBody.length, requestBody.length, false, requestType, List.of(), false));
        List<Header> rh = new ArrayList<>(responseHeaders);
        if (responseType != null) {
            rh.add(new Header("Content-Type", responseType));
        }
        HttpResponse resp = noResponse ? null : new HttpResponse("HTTP/1.1", status, "", List.of(), rh, List.of(),
                publishedResponse != null ? publishedResponse
                        : responseBody.length == 0 ? Body.EMPTY : new Body(responseBody, responseBody.length, responseBody.length, false, responseType, List.of(), false));
        long seq = SEQ.incrementAndGet();
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c" + seq + "-1", new MirrorSource(session, 7, "test"),
                new Connection("c" + seq, clientIp, 40000, "10.0.9.9", 80), clientIp, ClientIpSource.PEER, host, req, resp,
                timed ? new Timings(at, at + 10, at + 10 + latencyMicros, at + 20 + latencyMicros)
                        : new Timings(Timings.UNKNOWN, Timings.UNKNOWN, Timings.UNKNOWN, Timings.UNKNOWN), Set.of(), credentials);
    }
}
