package io.periscope.reassembly.exchange;

import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.content.ContentDecoder;
import io.periscope.reassembly.enrich.ClientIpResolver;
import io.periscope.reassembly.enrich.CredentialRedactor;
import io.periscope.reassembly.http.HttpMessage;
import io.periscope.reassembly.redact.BodyRedactor;
import io.periscope.reassembly.redact.MessageRedactions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Turns a paired (or unpaired) request and response into the published record: resolves the client
 * IP, undoes content codings, redacts credentials and masks sensitive values in headers, target, trailers and
 * bodies of both directions (nothing raw is published), merges flags. One instance per worker thread.
 */
public final class ExchangeFactory {
    private final String receiverId;
    private final ClientIpResolver clientIps;
    private final CredentialRedactor redactor;
    private final BodyRedactor bodies;
    private final ContentDecoder decoder;
    private final ReassemblyMetrics metrics;
    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes the published cap: bodies arrive (and are decoded) up to the scan limit, and are cut to
     *                     this by {@link BodyRedactor} after their sensitive values were judged
     */
    public ExchangeFactory(String receiverId, ClientIpResolver clientIps, CredentialRedactor redactor,
                           BodyRedactor bodies, ContentDecoder decoder, ReassemblyMetrics metrics, int maxBodyBytes) {
        this.receiverId = receiverId;
        this.clientIps = clientIps;
        this.redactor = redactor;
        this.bodies = bodies;
        this.decoder = decoder;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    HttpExchange build(ConnectionInfo c, long ordinal, HttpMessage req, HttpMessage resp, boolean midstream) {
        EnumSet<ExchangeFlag> flags = EnumSet.noneOf(ExchangeFlag.class);
        if (midstream) {
            flags.add(ExchangeFlag.MIDSTREAM);
        }
        Connection connection = c.connection();
        HttpRequest request = null;
        List<Credential> credentials = List.of();
        String clientIp = connection.clientAddress();
        ClientIpSource clientIpSource = ClientIpSource.PEER;
        String serverHost = null;
        if (req != null) {
            flags.addAll(req.flags());
            MessageRedactions m = new MessageRedactions(Credential.Direction.REQUEST);
            CredentialRedactor.RedactedRequest r = redactor.request(m, req.target(), req.headers());
            Body body = bodies.redact(m, body(req, flags), req.firstHeader("content-type"));
            request = new HttpRequest(req.method(), r.target(), r.path(), r.query(), req.version(), r.headers(),
                    redactor.response(m, req.trailers()), body);
            credentials = m.credentials();
            ClientIpResolver.ClientIp ip = clientIps.resolve(connection.clientAddress(), req.headers());
            clientIp = ip.address();
            clientIpSource = ip.source();
            serverHost = host(req.firstHeader("host"));
        } else {
            flags.add(ExchangeFlag.UNPAIRED_RESPONSE);
        }
        HttpResponse response = null;
        if (resp != null) {
            flags.addAll(resp.flags());
            MessageRedactions m = new MessageRedactions(Credential.Direction.RESPONSE);
            List<Header> headers = redactor.response(m, resp.headers());
            Body body = bodies.redact(m, body(resp, flags), resp.firstHeader("content-type"));
            response = new HttpResponse(resp.version(), resp.status(), resp.reason(), resp.informational(),
                    headers, redactor.response(m, resp.trailers()), body);
            credentials = concat(credentials, m.credentials());
        } else {
            flags.add(ExchangeFlag.UNPAIRED_REQUEST);
        }
        if (serverHost == null) {
            serverHost = c.serverHostPort();
        }
        Timings timings = new Timings(
                req == null ? Timings.UNKNOWN : req.firstMicros(), req == null ? Timings.UNKNOWN : req.lastMicros(),
                resp == null ? Timings.UNKNOWN : resp.firstMicros(), resp == null ? Timings.UNKNOWN : resp.lastMicros());
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, c.id() + "-" + ordinal,
                new MirrorSource(c.session(), c.vni(), receiverId), connection, clientIp, clientIpSource, serverHost,
                request, response, timings, flags, credentials);
    }

    /** Both lists in order; no copy when one is empty (most exchanges carry credentials in one direction or none). */
    private static List<Credential> concat(List<Credential> first, List<Credential> second) {
        if (first.isEmpty()) {
            return second;
        }
        if (second.isEmpty()) {
            return first;
        }
        List<Credential> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    /** The Host header lower-cased, without a default port; null when absent or empty. */
    static String host(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(":80")) {
            h = h.substring(0, h.length() - 3);
        }
        return h;
    }

    /**
     * The body as captured and decoded, up to the scan limit; {@code truncated} says whether that window holds the
     * whole body. BODY_TRUNCATED is set already when the window is longer than the published cap.
     */
    private Body body(HttpMessage m, EnumSet<ExchangeFlag> flags) {
        byte[] raw = m.body();
        if (raw.length == 0 && m.bodyLength() == 0) {
            return Body.EMPTY;
        }
        String contentType = mediaType(m.firstHeader("content-type"));
        List<String> fields = m.headerValues("content-encoding");
        List<String> codings = fields.isEmpty() ? List.of() : ContentDecoder.codings(fields);
        boolean encoded = false;
        for (String coding : codings) {
            encoded |= !coding.equals("identity");
        }
        if (!encoded || raw.length == 0) {
            boolean truncated = raw.length < m.bodyLength() || !m.bodyComplete();
            markTruncation(m, truncated || raw.length > maxBodyBytes, false, flags);
            return new Body(raw, m.bodyLength(), m.bodyLength(), truncated, contentType, codings, false);
        }
        ContentDecoder.Result r = decoder.decode(raw, codings);
        if (r.failed()) {
            metrics.decodeFailed();
            flags.add(ExchangeFlag.DECODE_FAILED);
            boolean truncated = raw.length < m.bodyLength() || !m.bodyComplete();
            markTruncation(m, truncated || r.content().length > maxBodyBytes, false, flags);
            return new Body(r.content(), m.bodyLength(), m.bodyLength(), truncated, contentType, codings, false);
        }
        if (r.limited()) {
            metrics.decodeLimited();
        } else {
            metrics.decodeOk();
        }
        boolean truncated = !m.bodyComplete() || r.limited() || !r.complete() || r.content().length < r.decodedLength();
        markTruncation(m, truncated || r.content().length > maxBodyBytes, r.limited(), flags);
        return new Body(r.content(), m.bodyLength(), r.decodedLength(), truncated, contentType, codings, true);
    }

    /** BODY_TRUNCATED names our own limits (cap, decompression); bytes lost in capture are GAP/PARTIAL. */
    private static void markTruncation(HttpMessage m, boolean truncated, boolean limited,
                                       EnumSet<ExchangeFlag> flags) {
        boolean lostInCapture = m.flags().contains(ExchangeFlag.GAP) || m.flags().contains(ExchangeFlag.PARTIAL);
        if (limited || (truncated && !lostInCapture)) {
            flags.add(ExchangeFlag.BODY_TRUNCATED);
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semi = contentType.indexOf(';');
        String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }
}
