package io.periscope.discovery.catalog;

import io.periscope.discovery.posture.FindingCandidate;
import io.periscope.discovery.posture.PostureAnalyzer;
import io.periscope.discovery.schema.FieldSink;
import io.periscope.discovery.schema.FormFields;
import io.periscope.discovery.schema.JsonFields;
import io.periscope.discovery.schema.MultipartFields;
import io.periscope.discovery.schema.ValueType;
import io.periscope.sensitive.SensitiveHit;
import io.periscope.sensitive.SensitiveScanner;
import io.periscope.discovery.template.ResolvedPath;
import io.periscope.discovery.template.SegmentKind;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.http.Body;
import io.periscope.events.http.BodyScan;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The per-exchange update of one endpoint: traffic statistics, parameters and their types, sensitive data,
 * auth, response shapes and posture findings. Emits changes (new parameter, new sensitive type, auth
 * changed) through the given consumer. Credential values are never read: the reassembler already redacted
 * them, and header, query and cookie parameters that carry credentials are recorded by name only. Body fields
 * arrive as markers ({@code [redacted:...]}, {@code [masked:type:x]}) that the scanner reads as hits of their type.
 * Authentication is judged on the credentials the request presented in headers, cookies and query, never on
 * tokens a response issued nor on passwords a request body submitted.
 */
final class ExchangeRecorder {
    /** Response headers that describe the transport or caching, not the API. */
    static final Set<String> TRANSPORT_RESPONSE_HEADERS = Set.of("date", "content-length", "content-type", "connection",
            "transfer-encoding", "keep-alive", "server", "vary", "cache-control", "etag", "last-modified", "expires",
            "pragma", "age", "accept-ranges", "content-encoding", "via", "alt-svc", "x-amzn-trace-id");

    private final DiscoveryConfig config;
    private final SensitiveScanner scanner;
    private final PostureAnalyzer posture;
    private final DiscoveryMetrics metrics;

    ExchangeRecorder(DiscoveryConfig config, SensitiveScanner scanner, PostureAnalyzer posture, DiscoveryMetrics metrics) {
        this.config = config;
        this.scanner = scanner;
        this.posture = posture;
        this.metrics = metrics;
    }

    void record(EndpointAggregate ep, HttpExchange ex, ResolvedPath path, boolean newEndpoint, long at,
                Consumer<CatalogChange> changes) {
        HttpRequest req = ex.request();
        HttpResponse resp = ex.response();
        if (ep.call(at, resp == null ? null : resp.status())) {
            changes.accept(Changes.of(ChangeType.ENDPOINT_REVIVED, ep.serviceKey(), ep, "endpoint", "stale", "active", at));
        }
        long message = ep.calls();
        TrafficAggregate traffic = ep.traffic();
        long latency = ex.timings() == null ? Timings.UNKNOWN : ex.timings().serverLatencyMicros();
        if (latency != Timings.UNKNOWN) {
            traffic.latency(latency);
        }
        traffic.client(ex.clientIp() != null ? ex.clientIp() : ex.connection().clientAddress());
        recordAuth(ep, ex, newEndpoint, at, changes);

        Tracker tracker = new Tracker(ep, message, newEndpoint, at, changes);
        SensitiveScanner.MessageScan requestScan = scanner.begin();
        for (ResolvedPath.PathParameter p : path.parameters()) {
            tracker.field(ParameterLocation.PATH, 0, p.name(), pathType(p), p.value(), requestScan);
        }
        Set<String> credentialNames = credentialNames(ex);
        for (QueryParam q : req.query()) {
            boolean credential = credentialNames.contains("QUERY " + q.name().toLowerCase(Locale.ROOT));
            String v = credential ? null : q.value();
            tracker.field(ParameterLocation.QUERY, 0, q.name(), v == null ? ValueType.STRING : ValueType.ofText(v), v, requestScan);
        }
        for (Header h : req.headers()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                cookies(h.value(), credentialNames, tracker, requestScan);
            } else if (!config.ignoredRequestHeaders().contains(lower)) {
                boolean credential = credentialNames.contains("HEADER " + lower);
                String v = credential ? null : h.value();
                tracker.field(ParameterLocation.REQUEST_HEADER, 0, lower, v == null ? ValueType.STRING : ValueType.ofText(v), v,
                        requestScan);
            }
        }
        if (body(ep, req.body(), ParameterLocation.REQUEST_BODY, 0, tracker, requestScan, "request") != null) {
            ep.requestBodyRead();
        }
        List<SensitiveHit> requestHits = requestScan.finish();
        tracker.sensitive(requestHits, 0);

        List<SensitiveHit> responseHits = List.of();
        if (resp != null) {
            SensitiveScanner.MessageScan responseScan = scanner.begin();
            for (Header h : resp.headers()) {
                String lower = h.name().toLowerCase(Locale.ROOT);
                if (!TRANSPORT_RESPONSE_HEADERS.contains(lower)) {
                    // Set-Cookie values are redacted upstream: catalog the cookie header by name only
                    String v = lower.equals("set-cookie") ? null : h.value();
                    tracker.field(ParameterLocation.RESPONSE_HEADER, resp.status(), lower,
                            v == null ? ValueType.STRING : ValueType.ofText(v), v, responseScan);
                }
            }
            String shape = body(ep, resp.body(), ParameterLocation.RESPONSE_BODY, resp.status(), tracker, responseScan, "response");
            if (shape != null) {
                ep.responseBodyRead(resp.status());
            } else if (resp.body().content().length > 0) {
                shape = resp.body().contentType() == null ? "unknown" : resp.body().contentType();
            }
            if (shape != null) {
                ep.responseShape(resp.status(), shape);
            }
            responseHits = responseScan.finish();
            tracker.sensitive(responseHits, resp.status());
        }
        for (FindingCandidate f : posture.evaluate(ex, requestHits, responseHits)) {
            if (ep.finding(f.type(), f.subject(), f.evidence(), at)) {
                metrics.finding(f.type().name());
            }
        }
    }

    private static ValueType pathType(ResolvedPath.PathParameter p) {
        SegmentKind k = p.kind();
        if (k == SegmentKind.LITERAL || k == SegmentKind.MIXED_ID) {
            return ValueType.STRING;
        }
        return new ValueType(k.schemaType(), k.format());
    }

    private void recordAuth(EndpointAggregate ep, HttpExchange ex, boolean newEndpoint, long at,
                            Consumer<CatalogChange> changes) {
        List<Credential> presented = ex.authenticationCredentials();
        TrafficAggregate traffic = ep.traffic();
        if (presented.isEmpty()) {
            if (!newEndpoint && traffic.alwaysAuthenticated() && traffic.calls() > 1) {
                changes.accept(Changes.of(ChangeType.AUTH_CHANGED, ep.serviceKey(), ep, "credentials",
                        "always authenticated (" + String.join(", ", traffic.authSchemes()) + ")",
                        "called without credentials", at));
            }
            traffic.unauthenticated();
            return;
        }
        Set<String> schemes = new TreeSet<>();
        for (Credential c : presented) {
            schemes.add(c.scheme() == null ? "unknown" : c.scheme());
        }
        for (String s : schemes) {
            if (!traffic.knowsScheme(s) && !newEndpoint && traffic.calls() > 1) {
                changes.accept(Changes.of(ChangeType.AUTH_CHANGED, ep.serviceKey(), ep, "scheme " + s,
                        String.join(", ", traffic.authSchemes()), s, at));
            }
            traffic.scheme(s);
        }
    }

    private static Set<String> credentialNames(HttpExchange ex) {
        if (ex.credentials().isEmpty()) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        for (Credential c : ex.credentials()) {
            if (c.name() != null && c.presented() && c.location() != Credential.Location.BODY) {
                out.add(c.location() + " " + c.name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static void cookies(String header, Set<String> credentialNames, Tracker tracker, SensitiveScanner.MessageScan scan) {
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            if (name.isEmpty()) {
                continue;
            }
            boolean credential = credentialNames.contains("COOKIE " + name.toLowerCase(Locale.ROOT));
            String v = credential || eq < 0 ? null : pair.substring(eq + 1).trim();
            tracker.field(ParameterLocation.COOKIE, 0, name, v == null ? ValueType.STRING : ValueType.ofText(v), v, scan);
        }
    }

    /**
     * Reads a body's fields. Returns the body's shape (a hash of its top-level JSON fields, or the media type
     * for forms and multipart) when its fields were read, or null when it was empty or of a type that is
     * counted but not read.
     */
    private String body(EndpointAggregate ep, Body body, ParameterLocation location, int status, Tracker tracker,
                        SensitiveScanner.MessageScan scan, String side) {
        if (body.content().length == 0) {
            return null;
        }
        String ct = body.contentType() == null ? "unknown" : body.contentType();
        boolean request = location == ParameterLocation.REQUEST_BODY;
        ep.traffic().body(request, ct, body.decodedLength());
        sensorScan(body, location, request, ep, scan);
        if (body.contentEncodings().size() > 0 && !body.decoded()) {
            metrics.bodyIncomplete(side, "undecoded");
            return null;
        }
        FieldSink sink = new FieldSink() {
            @Override
            public void field(String name, ValueType type, String value) {
                tracker.field(location, status, name, type, value, scan);
            }

            @Override
            public void sensitiveOnly(String name, String value) {
                scan.field(location, name, value);
            }
        };
        if (body.holdsJson()) {
            TopLevel top = new TopLevel(sink);
            JsonFields.Outcome outcome = JsonFields.read(body.content(), top);
            if (outcome != JsonFields.Outcome.OK) {
                metrics.bodyIncomplete(side, body.truncated() ? "truncated" : outcome.name().toLowerCase(Locale.ROOT));
            }
            return top.shape();
        }
        if (ct.equals("application/x-www-form-urlencoded")) {
            if (!FormFields.read(body.content(), sink)) {
                metrics.bodyIncomplete(side, "malformed");
            }
            return ct;
        }
        if (ct.startsWith("multipart/form-data")) {
            MultipartFields.read(body.content(), sink);
            return ct;
        }
        return null;
    }

    /**
     * What the sensor read of the body beyond its published content: the sensitive values it found there count as
     * if read here, and a body detection read only in part is counted on the endpoint
     * ({@code traffic.*Bytes.partlyScanned}).
     */
    private static void sensorScan(Body body, ParameterLocation location, boolean request, EndpointAggregate ep,
                                   SensitiveScanner.MessageScan scan) {
        if (body.partlyScanned()) {
            ep.traffic().partlyScanned(request);
        }
        if (body.scan() != null) {
            for (BodyScan.Found f : body.scan().beyondContent()) {
                scan.reported(location, f.field(), f.type(), f.count(), f.confidence(), f.example());
            }
        }
    }

    /** Forwards fields and remembers the top-level field names, whose sorted set is the body's shape. */
    private static final class TopLevel implements FieldSink {
        private final FieldSink delegate;
        private final TreeSet<String> names = new TreeSet<>();

        TopLevel(FieldSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public void field(String name, ValueType type, String value) {
            int next = name.indexOf('.', 2);
            int bracket = name.indexOf('[', 1);
            if (next < 0 && bracket < 0) {
                names.add(name);
            } else if (name.startsWith("$[*]") && name.indexOf('.', 5) < 0 && name.length() > 5) {
                names.add(name);
            }
            delegate.field(name, type, value);
        }

        @Override
        public void sensitiveOnly(String name, String value) {
            delegate.sensitiveOnly(name, value);
        }

        String shape() {
            return Integer.toHexString(String.join(",", names).hashCode());
        }
    }

    /** Records the fields of one exchange on the endpoint, emitting NEW_PARAMETER for existing endpoints. */
    private final class Tracker {
        private final EndpointAggregate ep;
        private final long message;
        private final boolean newEndpoint;
        private final long at;
        private final Consumer<CatalogChange> changes;

        Tracker(EndpointAggregate ep, long message, boolean newEndpoint, long at,
                Consumer<CatalogChange> changes) {
            this.ep = ep;
            this.message = message;
            this.newEndpoint = newEndpoint;
            this.at = at;
            this.changes = changes;
        }

        void field(ParameterLocation location, int status, String name, ValueType type, String value,
                   SensitiveScanner.MessageScan scan) {
            if (value != null) {
                scan.field(location, name, value);
            }
            ParameterAggregate p = ep.parameter(location, status, name);
            if (p == null) {
                p = ep.addParameter(location, status, name, config.maxParametersPerEndpoint());
                if (p == null) {
                    metrics.capped("parameter");
                    return;
                }
                if (!newEndpoint) {
                    String subject = location + (status == 0 ? "" : " " + status) + " " + name;
                    changes.accept(Changes.of(ChangeType.NEW_PARAMETER, ep.serviceKey(), ep, subject, null, type.key(), at));
                }
            }
            p.observe(message, type, value, config.maxEnumValues());
        }

        void sensitive(List<SensitiveHit> hits, int status) {
            for (SensitiveHit h : hits) {
                ParameterAggregate p = ep.parameter(h.location(), h.location().inResponse() ? status : 0, h.field());
                if (p != null) {
                    p.sensitive(h.type(), h.masked());
                }
                if (ep.sensitive(h.type(), h.location(), h.field(), h.confidence(), h.masked())) {
                    changes.accept(Changes.of(ChangeType.NEW_SENSITIVE_DATA, ep.serviceKey(), ep,
                            h.type() + " in " + h.location() + " " + h.field(), null, h.masked(), at));
                }
            }
        }
    }
}
