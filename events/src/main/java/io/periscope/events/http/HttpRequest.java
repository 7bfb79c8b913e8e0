package io.periscope.events.http;

import java.util.List;

/**
 * The request of an exchange.
 *
 * @param method      the method token as sent (case preserved)
 * @param target      the request-target as sent, with credential-bearing query values redacted
 * @param path        the path component, percent-decoding not applied (so {@code %2F} stays distinct from {@code /})
 * @param query       the query parameters, decoded, in order; credential values redacted
 * @param httpVersion {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers     all header fields in order, credential values redacted
 * @param trailers    chunked-body trailer fields, in order
 * @param body        the body; {@link Body#EMPTY} when there was none
 */
public record HttpRequest(
        String method,
        String target,
        String path,
        List<QueryParam> query,
        String httpVersion,
        List<Header> headers,
        List<Header> trailers,
        Body body) {

    public HttpRequest {
        query = query == null ? List.of() : List.copyOf(query);
        headers = headers == null ? List.of() : List.copyOf(headers);
        trailers = trailers == null ? List.of() : List.copyOf(trailers);
        body = body == null ? Body.EMPTY : body;
    }

    /** All values of a header, in order, matched case-insensitively. */
    public List<String> headerValues(String name) {
        return Headers.values(headers, name);
    }
}
