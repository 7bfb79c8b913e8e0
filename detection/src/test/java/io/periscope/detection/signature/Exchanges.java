package io.periscope.detection.signature;

import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Exchanges for the signature tests, built as the sensor publishes them. */
public final class Exchanges {
    private Exchanges() {
    }

    public static HttpRequest request(String method, String path, List<QueryParam> query, List<Header> headers,
                                      String contentType, String body) {
        Body b = body == null ? Body.EMPTY : new Body(body.getBytes(StandardCharsets.UTF_8), body.length(), body.length(),
                false, contentType, List.of(), false);
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query.stream()
                .map(q -> q.name() + "=" + q.value()).toList()));
        return new HttpRequest(method, target, path, query, "HTTP/1.1", headers, List.of(), b);
    }

    public static HttpResponse response(int status, String contentType, String body, long decodedLength) {
        Body b = body == null ? Body.EMPTY : new Body(body.getBytes(StandardCharsets.UTF_8), decodedLength, decodedLength,
                false, contentType, List.of(), false);
        return new HttpResponse("HTTP/1.1", status, "", List.of(), List.of(), List.of(), b);
    }

    public static HttpResponse redirect(String location) {
        return new HttpResponse("HTTP/1.1", 302, "Found", List.of(), List.of(new Header("Location", location)), List.of(),
                Body.EMPTY);
    }

    public static HttpExchange exchange(HttpRequest request, HttpResponse response) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c1-1", new MirrorSource("s", 1, "r"),
                new Connection("c1", "10.0.0.9", 40000, "10.0.0.1", 443), "203.0.113.9", null, "shop.example", request,
                response, new Timings(1, 2, 3, 4), Set.of(), List.of());
    }
}
