package io.periscope.discovery.view;

import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory catalog index behind {@link CatalogReadModel}: latest endpoint snapshots, open findings, the
 * newest changes and the template rules, with the queries of the REST API. Queries scan the endpoints: at
 * 10 k endpoints a filtered, sorted page is a few milliseconds, with no secondary index to keep consistent.
 * Thread-safe: one writer (the view's consumer thread), any number of readers.
 */
public final class CatalogIndex {
    private final int maxChanges;
    private final Map<String, EndpointSnapshot> endpoints = new ConcurrentHashMap<>();
    private final Map<String, PostureFinding> findings = new ConcurrentHashMap<>();
    private final Map<String, TemplateRuleSet> rules = new ConcurrentHashMap<>();
    private final Map<String, ProbedPath> probed = new ConcurrentHashMap<>();
    private final ArrayDeque<CatalogChange> changes = new ArrayDeque<>();

    public CatalogIndex(int maxChanges) {
        if (maxChanges < 1) {
            throw new IllegalArgumentException("periscope.discovery.view.max-changes must be positive, was " + maxChanges);
        }
        this.maxChanges = maxChanges;
    }

    // ---- writes ----

    public void putEndpoint(EndpointSnapshot s) {
        endpoints.put(s.endpointId(), s);
    }

    public void removeEndpoint(String endpointId) {
        endpoints.remove(endpointId);
    }

    public void putFinding(PostureFinding f) {
        findings.put(f.id(), f);
    }

    public void removeFinding(String findingId) {
        findings.remove(findingId);
    }

    public void putProbedPath(ProbedPath p) {
        probed.put(p.id(), p);
    }

    public void removeProbedPath(String id) {
        probed.remove(id);
    }

    public void addChange(CatalogChange c) {
        synchronized (changes) {
            changes.addFirst(c);
            while (changes.size() > maxChanges) {
                changes.removeLast();
            }
        }
    }

    /**
     * Keeps a service's rule set unless a later version is already held: the writer puts its own set at once
     * (read-your-writes) and the tail reads the same record again afterwards.
     */
    public void putRules(TemplateRuleSet set) {
        rules.merge(set.serviceKey(), set, (held, next) -> next.version() >= held.version() ? next : held);
    }

    public void removeRules(String serviceKey) {
        rules.remove(serviceKey);
    }

    // ---- queries ----

    /**
     * The services with endpoints or probed paths. Findings are counted from the open findings
     * ({@link #openFindings}), the one source every finding count of the API uses.
     */
    public List<ServiceSummary> services() {
        Map<String, long[]> agg = new HashMap<>();
        Map<String, String[]> names = new HashMap<>();
        for (EndpointSnapshot s : endpoints.values()) {
            long[] a = agg.computeIfAbsent(s.serviceKey(), k -> new long[] {0, 0, Long.MAX_VALUE, 0, 0, 0});
            a[0]++;
            a[1] += s.traffic().calls();
            a[2] = Math.min(a[2], s.firstSeenMicros());
            a[3] = Math.max(a[3], s.lastSeenMicros());
            names.putIfAbsent(s.serviceKey(), new String[] {s.session(), s.host()});
        }
        for (ProbedPath p : probed.values()) {
            long[] a = agg.computeIfAbsent(p.serviceKey(), k -> new long[] {0, 0, Long.MAX_VALUE, 0, 0, 0});
            a[2] = Math.min(a[2], p.firstSeenMicros());
            a[3] = Math.max(a[3], p.lastSeenMicros());
            a[5]++;
            names.putIfAbsent(p.serviceKey(), new String[] {p.session(), p.host()});
        }
        for (PostureFinding f : openFindings(null)) {
            long[] a = agg.get(f.serviceKey());
            if (a != null) {
                a[4]++;
            }
        }
        List<ServiceSummary> out = new ArrayList<>(agg.size());
        for (Map.Entry<String, long[]> e : agg.entrySet()) {
            String[] n = names.get(e.getKey());
            long[] a = e.getValue();
            out.add(new ServiceSummary(e.getKey(), n[0], n[1], (int) a[0], a[1], a[2], a[3], (int) a[4], (int) a[5]));
        }
        out.sort(Comparator.comparing(ServiceSummary::serviceKey));
        return out;
    }

    public Page<EndpointSummary> endpoints(EndpointQuery q) {
        String method = q.method() == null ? null : q.method().toUpperCase(Locale.ROOT);
        String text = q.pathContains() == null ? null : q.pathContains().toLowerCase(Locale.ROOT);
        List<EndpointSnapshot> matches = new ArrayList<>();
        for (EndpointSnapshot s : endpoints.values()) {
            if ((q.serviceKey() == null || q.serviceKey().equals(s.serviceKey()))
                    && (method == null || method.equals(s.method()))
                    && (text == null || s.pathTemplate().toLowerCase(Locale.ROOT).contains(text))
                    && (q.sensitiveType() == null || s.sensitiveData().stream().anyMatch(d -> d.type().equals(q.sensitiveType())))
                    && (q.unauthenticated() == null || (s.traffic().unauthenticatedCalls() > 0) == q.unauthenticated())
                    && (q.findingType() == null || s.findings().stream().anyMatch(f -> f.type() == q.findingType()))
                    && (q.newSinceMicros() == null || s.firstSeenMicros() >= q.newSinceMicros())) {
                matches.add(s);
            }
        }
        Comparator<EndpointSnapshot> byPath = Comparator.comparing(EndpointSnapshot::pathTemplate)
                .thenComparing(EndpointSnapshot::method).thenComparing(EndpointSnapshot::endpointId);
        Comparator<EndpointSnapshot> key = switch (q.sort()) {
            case PATH -> byPath;
            case CALLS -> Comparator.comparingLong(s -> s.traffic().calls());
            case FIRST_SEEN -> Comparator.comparingLong(EndpointSnapshot::firstSeenMicros);
            case LAST_SEEN -> Comparator.comparingLong(EndpointSnapshot::lastSeenMicros);
            case FINDINGS -> Comparator.comparingInt(s -> s.findings().size());
            case IMPORTANCE -> Comparator.comparingInt(CatalogIndex::exposure).thenComparingLong(s -> s.traffic().calls());
        };
        // ties always break by path ascending, so pages are stable whatever the direction
        Comparator<EndpointSnapshot> cmp = (q.descending() ? key.reversed() : key).thenComparing(byPath);
        matches.sort(cmp);
        List<EndpointSummary> page = new ArrayList<>(Math.min(q.limit(), matches.size()));
        for (EndpointSnapshot s : window(matches, q.offset(), q.limit())) {
            page.add(EndpointSummary.of(s));
        }
        return new Page<>(page, matches.size(), q.offset(), q.limit());
    }

    /**
     * What an endpoint exposes, for the importance order: 3 = sensitive data and called without credentials, 2 =
     * sensitive data, 1 = called without credentials, 0 = neither. Within a level, more calls is more important.
     */
    private static int exposure(EndpointSnapshot s) {
        return (s.sensitiveData().isEmpty() ? 0 : 2) + (s.traffic().unauthenticatedCalls() > 0 ? 1 : 0);
    }

    public Optional<EndpointSnapshot> endpoint(String endpointId) {
        return Optional.ofNullable(endpoints.get(endpointId));
    }

    /** Endpoints of one service. */
    public List<EndpointSnapshot> ofService(String serviceKey) {
        return endpoints.values().stream().filter(s -> s.serviceKey().equals(serviceKey)).toList();
    }

    /**
     * Open findings of one endpoint, most recent first. A finding whose endpoint is not in the catalog is not
     * open: its endpoint was merged away, and records written before discovery tombstoned such findings would
     * otherwise stay on the compacted topic for good.
     */
    public List<PostureFinding> findings(String endpointId) {
        return findings.values().stream()
                .filter(f -> f.endpointId().equals(endpointId) && endpoints.containsKey(endpointId))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    private static final Comparator<PostureFinding> NEWEST_FIRST =
            Comparator.comparingLong(PostureFinding::lastSeenMicros).reversed().thenComparing(PostureFinding::id);

    /**
     * Every open finding, most recent first, optionally of one service: the findings of endpoints in the catalog
     * and the findings of services themselves (an empty endpoint id: traversal attempts, content-discovery
     * probes), which no endpoint owns and which are always open.
     */
    public List<PostureFinding> openFindings(String serviceKey) {
        return findings.values().stream()
                .filter(f -> serviceKey == null || serviceKey.equals(f.serviceKey()))
                .filter(f -> f.endpointId().isEmpty() || endpoints.containsKey(f.endpointId()))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /** A service's probed paths, filtered by nothing but the service, sorted and paged. */
    public Page<ProbedPath> probedPaths(ProbedPathQuery q) {
        List<ProbedPath> matches = new ArrayList<>();
        for (ProbedPath p : probed.values()) {
            if (q.serviceKey().equals(p.serviceKey())) {
                matches.add(p);
            }
        }
        Comparator<ProbedPath> byPath = Comparator.comparing(ProbedPath::pathTemplate).thenComparing(ProbedPath::method)
                .thenComparing(ProbedPath::id);
        Comparator<ProbedPath> key = switch (q.sort()) {
            case CALLS -> Comparator.comparingLong(ProbedPath::calls);
            case CLIENTS -> Comparator.comparingLong(ProbedPath::distinctClients);
            case PATH -> byPath;
            case FIRST_SEEN -> Comparator.comparingLong(ProbedPath::firstSeenMicros);
            case LAST_SEEN -> Comparator.comparingLong(ProbedPath::lastSeenMicros);
        };
        matches.sort((q.descending() ? key.reversed() : key).thenComparing(byPath));
        return new Page<>(window(matches, q.offset(), q.limit()), matches.size(), q.offset(), q.limit());
    }

    /** The change feed, newest first, optionally of one service. */
    public Page<CatalogChange> changes(String serviceKey, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > EndpointQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("offset must be >= 0 and limit within 1.." + EndpointQuery.MAX_LIMIT);
        }
        List<CatalogChange> all = new ArrayList<>();
        synchronized (changes) {
            for (CatalogChange c : changes) {
                if (serviceKey == null || serviceKey.equals(c.serviceKey())) {
                    all.add(c);
                }
            }
        }
        all.sort(Comparator.comparingLong(CatalogChange::atMicros).reversed());
        return new Page<>(window(all, offset, limit), all.size(), offset, limit);
    }

    /**
     * Items {@code offset .. offset + limit - 1} of a list. The end is computed in long arithmetic: an offset
     * near {@link Integer#MAX_VALUE} plus a limit overflows an int and once made the page bounds negative.
     */
    static <T> List<T> window(List<T> all, int offset, int limit) {
        int from = (int) Math.min(offset, all.size());
        int to = (int) Math.min((long) offset + limit, all.size());
        return all.subList(from, to);
    }

    public List<TemplateRule> rules(String serviceKey) {
        return ruleSet(serviceKey).rules();
    }

    /** The rule set of a service, the empty version-0 set when it has none. */
    public TemplateRuleSet ruleSet(String serviceKey) {
        TemplateRuleSet set = rules.get(serviceKey);
        return set == null ? TemplateRuleSet.empty(serviceKey) : set;
    }

    public int endpointCount() {
        return endpoints.size();
    }
}
