package io.periscope.discovery.catalog;

import io.periscope.discovery.stats.ClientSketch;
import io.periscope.discovery.stats.LatencyHistogram;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.SensitiveDataInfo;
import io.periscope.events.catalog.TrafficStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one endpoint. Updated by {@link ExchangeRecorder}, converted to and from
 * {@link EndpointSnapshot}, and merged into another endpoint when templates merge.
 */
final class EndpointAggregate {
    /** Distinct keys kept in the small count maps (content types, auth schemes, status codes, shapes). */
    static final int MAX_MAP_KEYS = 32;
    static final String OTHER = "other";

    final String id;
    final String serviceKey;
    final String session;
    final String host;
    final String method;
    final String template;
    final String normalized;
    long firstSeenMicros = Long.MAX_VALUE;
    long lastSeenMicros;
    boolean stale;
    long calls;
    final Map<String, Long> statusCodes = new HashMap<>();
    final Map<String, Long> statusClasses = new HashMap<>();
    LatencyHistogram latency = new LatencyHistogram();
    long requestBodies;
    long requestBytes;
    long requestMax;
    long responseBodies;
    long responseBytes;
    long responseMax;
    ClientSketch clients = new ClientSketch();
    final Map<String, Long> requestContentTypes = new HashMap<>();
    final Map<String, Long> responseContentTypes = new HashMap<>();
    final Map<String, Long> authSchemes = new HashMap<>();
    long unauthenticated;
    final Map<String, ParameterAggregate> parameters = new LinkedHashMap<>();
    final Map<String, SensitiveAggregate> sensitive = new LinkedHashMap<>();
    final Map<String, FindingAggregate> findings = new LinkedHashMap<>();
    final Map<String, Long> shapes = new HashMap<>();
    final Map<String, Long> messageCounts = new HashMap<>();
    final List<String> mergedFrom = new ArrayList<>();
    /** Changed since the snapshot was last published (and stored). */
    boolean dirty;
    /** Changed since the snapshot was last stored; published or not. */
    boolean unpersisted;

    void touched() {
        dirty = true;
        unpersisted = true;
    }

    EndpointAggregate(String id, String serviceKey, String session, String host, String method, String template, String normalized) {
        this.id = id;
        this.serviceKey = serviceKey;
        this.session = session;
        this.host = host;
        this.method = method;
        this.template = template;
        this.normalized = normalized;
    }

    static void count(Map<String, Long> map, String key, long n) {
        if (map.size() >= MAX_MAP_KEYS && !map.containsKey(key)) {
            key = OTHER;
        }
        map.merge(key, n, Long::sum);
    }

    /** The most common 2xx response shape, or null when no successful response was seen. */
    String dominantShape() {
        String best = null;
        long bestCount = 0;
        for (Map.Entry<String, Long> e : shapes.entrySet()) {
            if (e.getKey().startsWith("2") && e.getValue() > bestCount) {
                best = e.getKey().substring(e.getKey().indexOf(':') + 1);
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** Adds another endpoint's state (templates merged). */
    void absorb(EndpointAggregate o, int maxEnumValues) {
        firstSeenMicros = Math.min(firstSeenMicros, o.firstSeenMicros);
        lastSeenMicros = Math.max(lastSeenMicros, o.lastSeenMicros);
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
        clients.merge(o.clients);
        o.requestContentTypes.forEach((k, v) -> count(requestContentTypes, k, v));
        o.responseContentTypes.forEach((k, v) -> count(responseContentTypes, k, v));
        o.authSchemes.forEach((k, v) -> count(authSchemes, k, v));
        unauthenticated += o.unauthenticated;
        for (ParameterAggregate p : o.parameters.values()) {
            String key = ParameterAggregate.key(p.location, p.status, p.name);
            ParameterAggregate mine = parameters.get(key);
            if (mine == null) {
                parameters.put(key, p);
            } else {
                mine.absorb(p, maxEnumValues);
            }
        }
        for (Map.Entry<String, SensitiveAggregate> e : o.sensitive.entrySet()) {
            SensitiveAggregate mine = sensitive.putIfAbsent(e.getKey(), e.getValue());
            if (mine != null) {
                mine.absorb(e.getValue());
            }
        }
        for (FindingAggregate f : o.findings.values()) {
            // finding ids embed the endpoint id: re-key them on the survivor
            String fid = Ids.of("finding", id, f.type.name(), f.subject);
            FindingAggregate mine = findings.get(fid);
            if (mine == null) {
                FindingAggregate moved = new FindingAggregate(fid, f.type, f.subject, f.evidence, f.firstSeenMicros);
                moved.absorb(f);
                findings.put(fid, moved);
            } else {
                mine.absorb(f);
            }
        }
        o.shapes.forEach((k, v) -> count(shapes, k, v));
        o.messageCounts.forEach((k, v) -> messageCounts.merge(k, v, Long::sum));
        mergedFrom.add(o.id);
        for (String m : o.mergedFrom) {
            if (!mergedFrom.contains(m)) {
                mergedFrom.add(m);
            }
        }
        touched();
    }

    EndpointSnapshot toSnapshot(int minEnumSamples) {
        TrafficStats traffic = new TrafficStats(calls, statusCodes, statusClasses,
                latency.percentile(50), latency.percentile(90), latency.percentile(99), latency.max(), latency.encode(),
                new TrafficStats.SizeStats(requestBodies, requestBytes, requestMax),
                new TrafficStats.SizeStats(responseBodies, responseBytes, responseMax),
                clients.estimate(), clients.encode(), requestContentTypes, responseContentTypes, authSchemes, unauthenticated);
        List<ParameterInfo> params = new ArrayList<>(parameters.size());
        for (ParameterAggregate p : parameters.values()) {
            params.add(p.toInfo(denominator(p.location, p.status), minEnumSamples));
        }
        List<SensitiveDataInfo> sens = new ArrayList<>(sensitive.size());
        for (SensitiveAggregate s : sensitive.values()) {
            sens.add(s.toInfo());
        }
        List<PostureFinding> fs = new ArrayList<>(findings.size());
        for (FindingAggregate f : findings.values()) {
            fs.add(f.toFinding(this));
        }
        return new EndpointSnapshot(EndpointSnapshot.SCHEMA_VERSION, id, serviceKey, session, host, method, template,
                firstSeenMicros == Long.MAX_VALUE ? 0 : firstSeenMicros, lastSeenMicros, stale, traffic, params, sens, fs,
                shapes, messageCounts, mergedFrom);
    }

    long denominator(ParameterLocation location, int status) {
        return switch (location) {
            case REQUEST_BODY -> messageCounts.getOrDefault("requestBody", 0L);
            case RESPONSE_BODY -> messageCounts.getOrDefault("responseBody:" + status, 0L);
            case RESPONSE_HEADER -> statusCodes.getOrDefault(Integer.toString(status), 0L);
            default -> calls;
        };
    }

    static EndpointAggregate from(EndpointSnapshot s, String normalized, int minEnumSamples) {
        EndpointAggregate a = new EndpointAggregate(s.endpointId(), s.serviceKey(), s.session(), s.host(), s.method(),
                s.pathTemplate(), normalized);
        a.firstSeenMicros = s.firstSeenMicros();
        a.lastSeenMicros = s.lastSeenMicros();
        a.stale = s.stale();
        TrafficStats t = s.traffic();
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
        a.clients = ClientSketch.decode(t.clientSketch());
        a.requestContentTypes.putAll(t.requestContentTypes());
        a.responseContentTypes.putAll(t.responseContentTypes());
        a.authSchemes.putAll(t.authSchemes());
        a.unauthenticated = t.unauthenticatedCalls();
        for (ParameterInfo p : s.parameters()) {
            a.parameters.put(ParameterAggregate.key(p.location(), p.status(), p.name()), ParameterAggregate.from(p, minEnumSamples));
        }
        for (SensitiveDataInfo i : s.sensitiveData()) {
            a.sensitive.put(SensitiveAggregate.key(i.type(), i.location(), i.name()), SensitiveAggregate.from(i));
        }
        for (PostureFinding f : s.findings()) {
            a.findings.put(f.id(), FindingAggregate.from(f));
        }
        a.shapes.putAll(s.responseShapes());
        a.messageCounts.putAll(s.messageCounts());
        a.mergedFrom.addAll(s.mergedFrom());
        return a;
    }
}
