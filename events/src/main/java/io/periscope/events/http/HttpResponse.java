package io.periscope.events.http;

import java.util.List;

/**
 * The final response of an exchange. Interim 1xx responses are not exchanges of their own; their
 * status codes are listed in {@code informational}.
 *
 * @param httpVersion   {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param status        the status code
 * @param reason        the reason phrase as sent (may be empty)
 * @param informational status codes of interim 1xx responses that preceded this one, in order
 * @param headers       all header fields in order, credential values (Set-Cookie) redacted
 * @param trailers      chunked-body trailer fields, in order
 * @param body          the body; {@link Body#EMPTY} when there was none
 */
public record HttpResponse(
        String httpVersion,
        int status,
        String reason,
        List<Integer> informational,
        List<Header> headers,
        List<Header> trailers,
        Body body) {

    public HttpResponse {
        informational = informational == null ? List.of() : List.copyOf(informational);
        headers = headers == null ? List.of() : List.copyOf(headers);
        trailers = trailers == null ? List.of() : List.copyOf(trailers);
        body = body == null ? Body.EMPTY : body;
    }

    public List<String> headerValues(String name) {
        return Headers.values(headers, name);
    }
}
