package io.periscope.discovery.catalog;

import io.periscope.discovery.stats.ClientSketch;
import io.periscope.discovery.stats.TopClients;
import io.periscope.events.catalog.ProbedPath;
import java.util.HashMap;
import java.util.Map;

/**
 * One probed path: a method and path of a service that only ever answered "not found". Invariants: {@code calls}
 * = the sum of the status counts = the sum of the top clients' counts; {@code firstSeenMicros <= lastSeenMicros};
 * {@code unpersisted} implies {@code dirty}, as for endpoints.
 */
final class ProbedPathAggregate {
    private final String id;
    private final String serviceKey;
    private final String session;
    private final String host;
    private final String method;
    private final String template;
    private final String normalized;
    private long calls;
    private final Map<String, Long> statusCodes = new HashMap<>();
    private ClientSketch clients = new ClientSketch();
    private TopClients topClients = new TopClients();
    private long firstSeenMicros = Long.MAX_VALUE;
    private long lastSeenMicros;
    private boolean dirty;
    private boolean unpersisted;

    ProbedPathAggregate(String id, String serviceKey, String session, String host, String method, String template,
                        String normalized) {
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

    String method() {
        return method;
    }

    String normalized() {
        return normalized;
    }

    long calls() {
        return calls;
    }

    long firstSeenMicros() {
        return firstSeenMicros;
    }

    long lastSeenMicros() {
        return lastSeenMicros;
    }

    Map<String, Long> statusCodes() {
        return statusCodes;
    }

    ClientSketch clients() {
        return clients;
    }

    /** One "not found" answer of {@code status} to {@code client} at {@code at}. */
    void call(int status, String client, long at) {
        calls++;
        TrafficAggregate.count(statusCodes, Integer.toString(status), 1);
        clients.add(client);
        topClients.add(client);
        firstSeenMicros = Math.min(firstSeenMicros, at);
        lastSeenMicros = Math.max(lastSeenMicros, at);
        dirty = true;
        unpersisted = true;
    }

    /** The record to publish (and store) when changed since last published, or null; then counts as published. */
    ProbedPath takeChanged() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        unpersisted = false;
        return toRecord();
    }

    /** The record to store when changed since last stored, or null; publication stays pending. */
    ProbedPath takeUnpersisted() {
        if (!unpersisted) {
            return null;
        }
        unpersisted = false;
        return toRecord();
    }

    /** Publishes the path again on the next flush (after a restore). */
    void republish() {
        dirty = true;
    }

    ProbedPath toRecord() {
        return new ProbedPath(ProbedPath.SCHEMA_VERSION, id, serviceKey, session, host, method, template, calls,
                statusCodes, clients.estimate(), clients.encode(), topClients.top(),
                firstSeenMicros == Long.MAX_VALUE ? 0 : firstSeenMicros, lastSeenMicros);
    }

    static ProbedPathAggregate from(ProbedPath p, String normalized) {
        ProbedPathAggregate a = new ProbedPathAggregate(p.id(), p.serviceKey(), p.session(), p.host(), p.method(),
                p.pathTemplate(), normalized);
        a.calls = p.calls();
        a.statusCodes.putAll(p.statusCodes());
        a.clients = ClientSketch.decode(p.clientSketch());
        a.topClients = TopClients.of(p.topClients());
        a.firstSeenMicros = p.firstSeenMicros();
        a.lastSeenMicros = p.lastSeenMicros();
        return a;
    }
}
