package io.periscope.reassembly.http;

import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import java.util.List;
import java.util.Set;

/**
 * One parsed request or final response, before pairing and enrichment. Header values are raw here
 * (credentials not yet redacted): this never leaves the worker.
 *
 * @param request          a request (else a response)
 * @param method           request method, null for responses
 * @param target           request-target, null for responses
 * @param version          {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param status           response status, 0 for requests
 * @param reason           response reason phrase, null for requests
 * @param informational    statuses of 1xx responses that preceded a final response
 * @param headers          header fields in order
 * @param trailers         chunked trailer fields in order
 * @param body             captured body bytes after transfer decoding (at most the cap)
 * @param bodyLength       body bytes on the wire after de-chunking, including bytes lost in gaps
 * @param bodyComplete     {@code body} holds every body byte (no cap, no gap, not cut short)
 * @param firstMicros      capture time of the first byte
 * @param lastMicros       capture time of the last byte
 * @param startAck         acknowledgement number carried by the first byte's segment
 * @param hasAck           whether {@code startAck} is meaningful
 * @param endSeq           stream sequence number just past the message
 * @param flags            anomalies of this message (GAP, PARTIAL, CAPTURE_TRUNCATED, MALFORMED, UPGRADED)
 */
public record HttpMessage(
        boolean request,
        String method,
        String target,
        String version,
        int status,
        String reason,
        List<Integer> informational,
        List<Header> headers,
        List<Header> trailers,
        byte[] body,
        long bodyLength,
        boolean bodyComplete,
        long firstMicros,
        long lastMicros,
        int startAck,
        boolean hasAck,
        int endSeq,
        Set<ExchangeFlag> flags) {

    /** Every value of a header, in order (comma-joined lists are not split here); unmodifiable when empty. */
    public List<String> headerValues(String name) {
        List<String> out = List.of();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                if (out.isEmpty()) {
                    out = new java.util.ArrayList<>(2);
                }
                out.add(h.value());
            }
        }
        return out;
    }

    public String firstHeader(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
