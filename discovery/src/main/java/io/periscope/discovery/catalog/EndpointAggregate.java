package io.periscope.discovery.catalog;

import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ParameterInfo;
import io.periscope.events.catalog.ParameterLocation;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.SensitiveDataInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of one endpoint. Updated by {@link ExchangeRecorder} through the methods below, converted
 * to and from {@link EndpointSnapshot}, and merged into another endpoint when templates merge.
 *
 * <p>Invariants (the catalog tests check them on every published snapshot), besides those of its
 * {@link TrafficAggregate}:
 * <ul>
 *   <li>{@code firstSeenMicros} is {@link Long#MAX_VALUE} until the first call (published as 0), and at most
 *       {@code lastSeenMicros} after it.</li>
 *   <li>A parameter's presence counts once per message; its ratio divides by the messages that could carry it
 *       ({@link #denominator}): all calls, the calls with a status, or the bodies whose fields were read.</li>
 *   <li>A finding's id embeds this endpoint's id ({@link Ids}): findings are re-keyed when endpoints merge.</li>
 *   <li>{@code unpersisted} implies {@code dirty}: a change is stored no later than it is published.</li>
 * </ul>
 */
final class EndpointAggregate {
    private final String id;
    private final String serviceKey;
    private final String session;
    private final String host;
    private final String method;
    private final String template;
    private final String normalized;
    private long firstSeenMicros = Long.MAX_VALUE;
    private long lastSeenMicros;
    private boolean stale;
    private TrafficAggregate traffic = new TrafficAggregate();
    private final Map<String, ParameterAggregate> parameters = new LinkedHashMap<>();
    private final Map<String, SensitiveAggregate> sensitive = new LinkedHashMap<>();
    private final Map<String, FindingAggregate> findings = new LinkedHashMap<>();
    private final Map<String, Long> shapes = new HashMap<>();
    private final Map<String, Long> messageCounts = new HashMap<>();
    private final List<String> mergedFrom = new ArrayList<>();
    /** Changed since the snapshot was last published (and stored). */
    private boolean dirty;
    /** Changed since the snapshot was last stored; published or not. */
    private boolean unpersisted;

    EndpointAggregate(String id, String serviceKey, String session, String host, String method, String template, String normalized) {
        this.id = id;
        this.serviceKey = serviceKey;
        this.session = session;
        this.host = host;
        this.method = method;
        this.template = template;
        this.normalized = normalized;
    }

    String id() {
        return id;
    }

    String serviceKey() {
        return serviceKey;
    }

    String method() {
        return method;
    }

    String template() {
        return template;
    }

    String normalized() {
        return normalized;
    }

    long calls() {
        return traffic.calls();
    }

    /**
     * The traffic statistics, which own their invariants. Changed only while recording an exchange, after
     * {@link #call}, which marks the endpoint changed.
     */
    TrafficAggregate traffic() {
        return traffic;
    }

    private void touched() {
        dirty = true;
        unpersisted = true;
    }

    // ---- one exchange ----

    /**
     * Starts recording one call at {@code at}: counts it under its status ({@code null}: no response) and marks
     * the endpoint changed.
     *
     * @return whether the endpoint was stale and is now active again
     */
    boolean call(long at, Integer status) {
        touched();
        firstSeenMicros = Math.min(firstSeenMicros, at);
        lastSeenMicros = Math.max(lastSeenMicros, at);
        boolean revived = stale;
        stale = false;
        traffic.call(status);
        return revived;
    }

    /** A request body whose fields were read: the denominator of request body parameters' presence. */
    void requestBodyRead() {
        messageCounts.merge("requestBody", 1L, Long::sum);
    }

    /** A response body of {@code status} whose fields were read. */
    void responseBodyRead(int status) {
        messageCounts.merge("responseBody:" + status, 1L, Long::sum);
    }

    void responseShape(int status, String shape) {
        TrafficAggregate.count(shapes, status + ":" + shape, 1);
    }

    /** The parameter, or null when it was never seen. */
    ParameterAggregate parameter(ParameterLocation location, int status, String name) {
        return parameters.get(ParameterAggregate.key(location, status, name));
    }

    /**
     * Adds a parameter not seen before, unless the endpoint already holds {@code max} parameters.
     *
     * @return the new parameter, or null when the cap refused it
     */
    ParameterAggregate addParameter(ParameterLocation location, int status, String name, int max) {
        if (parameters.size() >= max) {
            return null;
        }
        ParameterAggregate p = new ParameterAggregate(location, name, status);
        parameters.put(ParameterAggregate.key(location, status, name), p);
        return p;
    }

    /**
     * Counts a sensitive value found at a place of the endpoint.
     *
     * @return whether the endpoint had not carried this type of sensitive data anywhere before
     */
    boolean sensitive(String type, ParameterLocation location, String field, double confidence, String masked) {
        boolean newType = true;
        for (SensitiveAggregate s : sensitive.values()) {
            if (s.type().equals(type)) {
                newType = false;
                break;
            }
        }
        sensitive.computeIfAbsent(SensitiveAggregate.key(type, location, field), k -> new SensitiveAggregate(type, location, field))
                .add(confidence, masked);
        return newType;
    }

    /**
     * Counts a posture finding seen at {@code at}.
     *
     * @return whether the finding is new on this endpoint
     */
    boolean finding(FindingType type, String subject, String evidence, long at) {
        return FindingAggregate.record(findings, Ids.of("finding", id, type.name(), subject), type, subject, evidence, at);
    }

    // ---- flush, persistence and merges ----

    /**
     * Marks the endpoint stale when it had calls but none within {@code staleMicros} before {@code nowMicros}.
     *
     * @return whether it became stale now
     */
    boolean markStaleIfIdle(long nowMicros, long staleMicros) {
        if (stale || traffic.calls() == 0 || nowMicros - lastSeenMicros <= staleMicros) {
            return false;
        }
        stale = true;
        touched();
        return true;
    }

    long lastSeenMicros() {
        return lastSeenMicros;
    }

    /**
     * When changed since the last publication, emits the snapshot (which the output also stores) and the findings
     * changed since theirs; the endpoint then counts as published and stored.
     */
    void publish(int minEnumSamples, CatalogOutput out) {
        if (!dirty) {
            return;
        }
        dirty = false;
        unpersisted = false;
        out.endpoint(toSnapshot(minEnumSamples));
        for (FindingAggregate f : findings.values()) {
            if (f.takeDirty()) {
                out.finding(f.toFinding(this));
            }
        }
    }

    /** The snapshot to store when changed since the last store write, or null; publication stays pending. */
    EndpointSnapshot persist(int minEnumSamples) {
        if (!unpersisted) {
            return null;
        }
        unpersisted = false;
        return toSnapshot(minEnumSamples);
    }

    /** Publishes the endpoint and all its findings on the next flush (after a restore). */
    void republish() {
        dirty = true;
        findings.values().forEach(FindingAggregate::markDirty);
    }

    /** Marks the endpoint changed without a call (a merge target). */
    void changed() {
        touched();
    }

    /** The ids of the open findings, which embed this endpoint's id. */
    List<String> findingIds() {
        return List.copyOf(findings.keySet());
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

    /** Adds the history of the probed path this endpoint was before it answered something else than "not found". */
    void absorbProbed(ProbedPathAggregate p) {
        firstSeenMicros = Math.min(firstSeenMicros, p.firstSeenMicros());
        lastSeenMicros = Math.max(lastSeenMicros, p.lastSeenMicros());
        traffic.absorbProbed(p.statusCodes(), p.clients());
        touched();
    }

    /** Adds another endpoint's state (templates merged). */
    void absorb(EndpointAggregate o, int maxEnumValues) {
        firstSeenMicros = Math.min(firstSeenMicros, o.firstSeenMicros);
        lastSeenMicros = Math.max(lastSeenMicros, o.lastSeenMicros);
        traffic.absorb(o.traffic);
        for (ParameterAggregate p : o.parameters.values()) {
            String key = p.key();
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
            String fid = Ids.of("finding", id, f.type().name(), f.subject());
            FindingAggregate mine = findings.get(fid);
            if (mine == null) {
                findings.put(fid, f.movedTo(fid));
            } else {
                mine.absorb(f);
            }
        }
        o.shapes.forEach((k, v) -> TrafficAggregate.count(shapes, k, v));
        o.messageCounts.forEach((k, v) -> messageCounts.merge(k, v, Long::sum));
        mergedFrom.add(o.id);
        for (String m : o.mergedFrom) {
            if (!mergedFrom.contains(m)) {
                mergedFrom.add(m);
            }
        }
        touched();
    }

    /** The published form; also the stored form, from which {@link #from} restores an equal aggregate. */
    EndpointSnapshot toSnapshot(int minEnumSamples) {
        List<ParameterInfo> params = new ArrayList<>(parameters.size());
        for (ParameterAggregate p : parameters.values()) {
            params.add(p.toInfo(denominator(p.location(), p.status()), minEnumSamples));
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
                firstSeenMicros == Long.MAX_VALUE ? 0 : firstSeenMicros, lastSeenMicros, stale, traffic.toStats(), params, sens, fs,
                shapes, messageCounts, mergedFrom);
    }

    private long denominator(ParameterLocation location, int status) {
        return switch (location) {
            case REQUEST_BODY -> messageCounts.getOrDefault("requestBody", 0L);
            case RESPONSE_BODY -> messageCounts.getOrDefault("responseBody:" + status, 0L);
            case RESPONSE_HEADER -> traffic.callsWithStatus(status);
            default -> traffic.calls();
        };
    }

    static EndpointAggregate from(EndpointSnapshot s, String normalized, int minEnumSamples) {
        EndpointAggregate a = new EndpointAggregate(s.endpointId(), s.serviceKey(), s.session(), s.host(), s.method(),
                s.pathTemplate(), normalized);
        a.firstSeenMicros = s.firstSeenMicros();
        a.lastSeenMicros = s.lastSeenMicros();
        a.stale = s.stale();
        a.traffic = TrafficAggregate.from(s.traffic());
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
