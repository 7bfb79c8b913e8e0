package io.periscope.detection.principal;

import io.periscope.events.http.Header;
import io.periscope.events.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * What a client tool looks like without its address: the User-Agent, the order of its request header names, the
 * values of its content-negotiation headers, and its Content-Type, hashed. A stuffing tool run from a thousand
 * addresses sends the same headers in the same order; browsers of one version do too, which is why a fingerprint
 * group is judged by its failure ratio and never alone (docs/detection.md). Headers that vary per request or are set
 * by proxies (Host, Content-Length, Cookie, Authorization, X-Forwarded-*, Forwarded, Via, tracing ids) are left out.
 * There is no TLS in a mirrored HTTP exchange, so no JA3/JA4. At most {@value #MAX_HEADERS} headers are read.
 */
public final class ClientFingerprint {
    static final int MAX_HEADERS = 32;
    private static final int MAX_VALUE_CHARS = 256;
    private static final Set<String> VOLATILE = Set.of("host", "content-length", "cookie", "authorization",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "forwarded", "via",
            "x-real-ip", "x-request-id", "x-correlation-id", "traceparent", "tracestate", "x-amzn-trace-id",
            "x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "cdn-loop", "true-client-ip", "cf-connecting-ip");
    private static final Set<String> VALUED = Set.of("user-agent", "accept", "accept-language", "accept-encoding",
            "content-type", "connection");

    private ClientFingerprint() {
    }

    /** The fingerprint (32 hex digits) of the request's client, or null without a request. */
    public static String of(HttpRequest request) {
        if (request == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(256);
        int n = 0;
        for (Header h : request.headers()) {
            if (++n > MAX_HEADERS) {
                break;
            }
            String name = h.name().toLowerCase(Locale.ROOT);
            if (VOLATILE.contains(name)) {
                continue;
            }
            b.append(name);
            if (VALUED.contains(name) && h.value() != null) {
                String v = h.value();
                b.append('=').append(v.length() > MAX_VALUE_CHARS ? v.substring(0, MAX_VALUE_CHARS) : v);
            }
            b.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
