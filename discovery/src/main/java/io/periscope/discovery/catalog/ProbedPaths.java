package io.periscope.discovery.catalog;

import io.periscope.events.catalog.ProbedPath;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The probed paths of one service, apart from its endpoints, and the per-client bursts of "not found" answers
 * that make a content-discovery finding. Invariants: at most {@code maxPaths} paths are kept, the least
 * recently probed one evicted first (access order); at most {@link #MAX_CLIENTS} client windows are kept, the
 * least recently active evicted first; an id in {@code removed} is not in {@code paths} and still has to be
 * deleted from the store and tombstoned on the topic.
 */
final class ProbedPaths {
    /** Client windows kept per service: more scanners than this at once are a flood whose finding is already raised. */
    static final int MAX_CLIENTS = 1024;

    private final String serviceKey;
    private final String session;
    private final String host;
    private final ProbedPathsConfig config;
    private final long windowMicros;
    private final Map<String, ProbedPathAggregate> paths = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<String> removed = new LinkedHashSet<>();
    private final Map<String, Burst> bursts = new LinkedHashMap<>(16, 0.75f, true);

    /** One client's "not found" answers in its current tumbling window. */
    private static final class Burst {
        long windowStartMicros;
        long probes;
    }

    /** What one probe did: whether it evicted a path, and whether its client is now in a burst. */
    record Outcome(boolean evicted, boolean burst) {
    }

    ProbedPaths(String serviceKey, String session, String host, ProbedPathsConfig config) {
        this.serviceKey = serviceKey;
        this.session = session;
        this.host = host;
        this.config = config;
        this.windowMicros = config.window().toNanos() / 1000;
    }

    private static String key(String method, String normalized) {
        return method + ' ' + normalized;
    }

    /** Counts a "not found" answer of {@code status} to {@code client} on a path outside the catalog. */
    Outcome probe(String method, String template, String normalized, int status, String client, long at) {
        String key = key(method, normalized);
        ProbedPathAggregate p = paths.get(key);
        boolean evicted = false;
        if (p == null) {
            if (paths.size() >= config.maxPerService()) {
                Iterator<ProbedPathAggregate> eldest = paths.values().iterator();
                removed.add(eldest.next().id());
                eldest.remove();
                evicted = true;
            }
            p = new ProbedPathAggregate(Ids.of("probe", serviceKey, method, normalized), serviceKey, session, host, method,
                    template, normalized);
            paths.put(key, p);
            removed.remove(p.id());
        }
        p.call(status, client, at);
        return new Outcome(evicted, burst(client, at));
    }

    private boolean burst(String client, long at) {
        Burst b = bursts.get(client);
        if (b == null) {
            if (bursts.size() >= MAX_CLIENTS) {
                Iterator<Burst> eldest = bursts.values().iterator();
                eldest.next();
                eldest.remove();
            }
            b = new Burst();
            b.windowStartMicros = at;
            bursts.put(client, b);
        }
        if (at - b.windowStartMicros > windowMicros) {
            b.windowStartMicros = at;
            b.probes = 0;
        }
        b.probes++;
        return b.probes >= config.probesPerClient();
    }

    /**
     * Takes the probed path of a method and normalized template out (it answered something else and joins the
     * catalog), or returns null when there is none.
     */
    ProbedPathAggregate promote(String method, String normalized) {
        ProbedPathAggregate p = paths.remove(key(method, normalized));
        if (p != null) {
            removed.add(p.id());
        }
        return p;
    }

    int size() {
        return paths.size();
    }

    /** Tombstones removed paths and publishes changed ones. */
    void publish(CatalogOutput out) {
        for (String id : removed) {
            out.probedPathRemoved(serviceKey, id);
        }
        removed.clear();
        for (ProbedPathAggregate p : paths.values()) {
            ProbedPath changed = p.takeChanged();
            if (changed != null) {
                out.probedPath(changed);
            }
        }
    }

    /** Stores what changed since the last store write; publication stays pending. */
    void persist(StateSink sink) {
        for (String id : removed) {
            // left in removed: the next flush deletes again (idempotent) and tombstones the topic
            sink.probedPathRemoved(id);
        }
        for (ProbedPathAggregate p : paths.values()) {
            ProbedPath changed = p.takeUnpersisted();
            if (changed != null) {
                sink.probedPath(changed);
            }
        }
    }

    /** Restores a stored path; it is published again on the next flush. */
    void restore(ProbedPath stored, String normalized) {
        ProbedPathAggregate p = ProbedPathAggregate.from(stored, normalized);
        p.republish();
        paths.put(key(p.method(), normalized), p);
    }
}
