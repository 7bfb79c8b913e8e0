package io.periscope.discovery.catalog;

import io.periscope.discovery.stats.ClientSketch;
import io.periscope.discovery.stats.LatencyHistogram;
import io.periscope.events.catalog.TrafficStats;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The traffic statistics of one endpoint: calls by status, latency, body sizes, clients, media types and auth.
 * The mutable form of {@link TrafficStats}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code calls} = the sum of the status code counts = the sum of the status class counts: every call
 *       counts once in each, under {@code "none"} when it had no response.</li>
 *   <li>A count map holds at most {@link #MAX_MAP_KEYS} keys plus {@value #OTHER}: a key that arrives when the
 *       map is full is counted under {@value #OTHER}, so sums stay exact while the keys are bounded. A share
 *       computed over a folded map therefore divides by the sum, never by one key's count.</li>
 *   <li>{@code unauthenticated} and the body counts are at most {@code calls}; a size maximum is at most its
 *       total.</li>
 * </ul>
 */
final class TrafficAggregate {
    /** Distinct keys kept per count map: ample for one endpoint's statuses and media types, bounded against hostile traffic. */
    static final int MAX_MAP_KEYS = 32;
    static final String OTHER = "other";

    private long calls;
    private final Map<String, Long> statusCodes = new HashMap<>();
    private final Map<String, Long> statusClasses = new HashMap<>();
    private LatencyHistogram latency = new LatencyHistogram();
    private long requestBodies;
    private long requestBytes;
    private long requestMax;
    private long responseBodies;
    private long responseBytes;
    private long responseMax;
    private long requestPartlyScanned;
    private long responsePartlyScanned;
    private ClientSketch clients = new ClientSketch();
    private final Map<String, Long> requestContentTypes = new HashMap<>();
    private final Map<String, Long> responseContentTypes = new HashMap<>();
    private final Map<String, Long> authSchemes = new HashMap<>();
    private long unauthenticated;

    /** Adds {@code n} to {@code key}, or to {@value #OTHER} when the map is full and {@code key} is new. */
    static void count(Map<String, Long> map, String key, long n) {
        if (map.size() >= MAX_MAP_KEYS && !map.containsKey(key)) {
            key = OTHER;
        }
        map.merge(key, n, Long::sum);
    }

    /** One call with its response status ({@code null}: no response). */
    void call(Integer status) {
        calls++;
        count(statusCodes, status == null ? "none" : Integer.toString(status), 1);
        count(statusClasses, status == null ? "none" : (status / 100) + "xx", 1);
    }

    long calls() {
        return calls;
    }

    /**
     * Adds the history of a probed path that joins the catalog: its calls per status (each counted once under its
     * code and its class, as {@link #call} does) and its clients.
     */
    void absorbProbed(Map<String, Long> probedStatusCodes, ClientSketch probedClients) {
        probedStatusCodes.forEach((code, n) -> {
            calls += n;
            count(statusCodes, code, n);
            count(statusClasses, code.equals("none") || code.equals(OTHER) ? code : code.charAt(0) + "xx", n);
        });
        clients.merge(probedClients);
    }

    /** Calls that got a response of {@code status}. */
    long callsWithStatus(int status) {
        return statusCodes.getOrDefault(Integer.toString(status), 0L);
    }

    void latency(long micros) {
        latency.record(micros);
    }

    void client(String address) {
        clients.add(address);
    }

    /** A call that presented no credentials. */
    void unauthenticated() {
        unauthenticated++;
    }

    /** True when every call so far presented credentials. */
    boolean alwaysAuthenticated() {
        return unauthenticated == 0;
    }

    /** The auth schemes seen so far, sorted. */
    Set<String> authSchemes() {
        return new TreeSet<>(authSchemes.keySet());
    }

    boolean knowsScheme(String scheme) {
        return authSchemes.containsKey(scheme);
    }

    void scheme(String scheme) {
        count(authSchemes, scheme, 1);
    }

    /** A non-empty body of a request or a response, whether or not its fields could be read. */
    void body(boolean request, String contentType, long decodedLength) {
        count(request ? requestContentTypes : responseContentTypes, contentType, 1);
        if (request) {
            requestBodies++;
            requestBytes += decodedLength;
            requestMax = Math.max(requestMax, decodedLength);
        } else {
            responseBodies++;
            responseBytes += decodedLength;
            responseMax = Math.max(responseMax, decodedLength);
        }
    }

    /** A body counted by {@link #body} that sensitive-data detection read only in part. */
    void partlyScanned(boolean request) {
        if (request) {
            requestPartlyScanned++;
        } else {
            responsePartlyScanned++;
        }
    }

    void absorb(TrafficAggregate o) {
        calls += o.calls;
        o.statusCodes.forEach((k, v) -> count(statusCodes, k, v));
        o.statusClasses.forEach((k, v) -> count(statusClasses, k, v));
        latency.merge(o.latency);
        requestBodies += o.requestBodies;
        requestBytes += o.requestBytes;
        requestMax = Math.max(requestMax, o.requestMax);
        responseBodies += o.responseBodies;
        responseBytes += o.responseBytes;
        responseMax = Math.max(responseMax, o.responseMax);
        requestPartlyScanned += o.requestPartlyScanned;
        responsePartlyScanned += o.responsePartlyScanned;
        clients.merge(o.clients);
        o.requestContentTypes.forEach((k, v) -> count(requestContentTypes, k, v));
        o.responseContentTypes.forEach((k, v) -> count(responseContentTypes, k, v));
        o.authSchemes.forEach((k, v) -> count(authSchemes, k, v));
        unauthenticated += o.unauthenticated;
    }

    TrafficStats toStats() {
        return new TrafficStats(calls, statusCodes, statusClasses,
                latency.percentile(50), latency.percentile(90), latency.percentile(99), latency.max(), latency.encode(),
                new TrafficStats.SizeStats(requestBodies, requestBytes, requestMax, requestPartlyScanned),
                new TrafficStats.SizeStats(responseBodies, responseBytes, responseMax, responsePartlyScanned),
                clients.estimate(), clients.encode(), requestContentTypes, responseContentTypes, authSchemes, unauthenticated);
    }

    static TrafficAggregate from(TrafficStats t) {
        TrafficAggregate a = new TrafficAggregate();
        a.calls = t.calls();
        a.statusCodes.putAll(t.statusCodes());
        a.statusClasses.putAll(t.statusClasses());
        a.latency = LatencyHistogram.decode(t.latencyHistogram());
        a.requestBodies = t.requestBytes().count();
        a.requestBytes = t.requestBytes().total();
        a.requestMax = t.requestBytes().max();
        a.responseBodies = t.responseBytes().count();
        a.responseBytes = t.responseBytes().total();
        a.responseMax = t.responseBytes().max();
        a.requestPartlyScanned = t.requestBytes().partlyScanned();
        a.responsePartlyScanned = t.responseBytes().partlyScanned();
        a.clients = ClientSketch.decode(t.clientSketch());
        a.requestContentTypes.putAll(t.requestContentTypes());
        a.responseContentTypes.putAll(t.responseContentTypes());
        a.authSchemes.putAll(t.authSchemes());
        a.unauthenticated = t.unauthenticatedCalls();
        return a;
    }
}
