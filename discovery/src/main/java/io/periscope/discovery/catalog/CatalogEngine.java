package io.periscope.discovery.catalog;

import io.periscope.discovery.posture.FindingCandidate;
import io.periscope.discovery.posture.PathTraversal;
import io.periscope.discovery.posture.PostureAnalyzer;
import io.periscope.sensitive.SensitiveScanner;
import io.periscope.discovery.template.PathNormalizer;
import io.periscope.discovery.template.PathPattern;
import io.periscope.discovery.template.PathTemplater;
import io.periscope.discovery.template.ResolvedPath;
import io.periscope.discovery.template.SegmentClassifier;
import io.periscope.discovery.template.SiblingLearner;
import io.periscope.discovery.template.WordDictionary;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.Timings;
import io.periscope.events.time.EpochMicros;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalog of the services one stream task owns. {@link #accept} is the per-exchange path: it resolves
 * the template, updates the endpoint in memory and emits changes at once; {@link #flush} (on a
 * punctuation) evaluates learned merges and staleness and emits the snapshots of changed endpoints, so that
 * the cost of serialization is per changed endpoint per flush, not per exchange. Not thread-safe.
 */
public final class CatalogEngine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]*}");
    private static final int MAX_METHOD_LENGTH = 24;
    /** Evidence quotes at most this much of a path: enough to recognise a wordlist entry, bounded for hostile paths. */
    private static final int MAX_EVIDENCE_PATH = 200;

    private final DiscoveryConfig config;
    private final DiscoveryMetrics metrics;
    private final InstantSource clock;
    private final WordDictionary dictionary;
    private final SegmentClassifier classifier;
    private final ExchangeRecorder recorder;
    private final PathNormalizer normalizer;
    private final Map<String, ServiceCatalog> services = new HashMap<>();
    private final Map<String, EndpointAggregate> byId = new HashMap<>();

    /**
     * @param clock the wall clock (in the stream task, the processor context's): the time of an exchange that
     *              carries none, and of a rule change
     */
    public CatalogEngine(DiscoveryConfig config, DiscoveryMetrics metrics, InstantSource clock) {
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.dictionary = WordDictionary.shipped();
        this.classifier = new SegmentClassifier(dictionary);
        SensitiveScanner scanner = SensitiveScanner.withDefaults(config.phoneRegion(), config.customSensitiveTypes());
        this.recorder = new ExchangeRecorder(config, scanner, new PostureAnalyzer(), metrics);
        this.normalizer = new PathNormalizer(config.trailingSlash());
    }

    /** Catalogs one exchange; changes go to {@code out} at once, snapshots on the next {@link #flush}. */
    public void accept(HttpExchange ex, CatalogOutput out) {
        if (ex.schemaVersion() > HttpExchange.SCHEMA_VERSION) {
            metrics.dropped("unsupported_schema");
            return;
        }
        if (ex.request() == null) {
            // a response alone has no method or path to catalog it under
            metrics.dropped("no_request");
            return;
        }
        String method = ex.request().method() == null ? "" : ex.request().method().toUpperCase(Locale.ROOT);
        if (method.isEmpty() || method.length() > MAX_METHOD_LENGTH || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            metrics.dropped("bad_method");
            return;
        }
        String rawPath = ex.request().path();
        if (rawPath == null || !rawPath.startsWith("/")) {
            metrics.dropped("not_origin_form");
            return;
        }
        PathNormalizer.Result path = normalizer.normalize(rawPath);
        if (path.tooLong()) {
            metrics.dropped("path_too_long");
            return;
        }
        long at = ex.timings() == null || ex.timings().firstSeenMicros() == Timings.UNKNOWN
                ? EpochMicros.now(clock) : ex.timings().firstSeenMicros();
        String serviceKey = ex.serviceKey();
        ServiceCatalog svc = services.get(serviceKey);
        if (svc == null) {
            svc = newService(serviceKey, ex.source().session(), ex.serverHost(), at);
            svc.stateChanged();
            emit(out, Changes.of(ChangeType.NEW_SERVICE, serviceKey, null, "service " + ex.serverHost(), null, serviceKey, at));
        }
        if (path.climbedAboveRoot()) {
            // a traversal attempt names no endpoint of the API: it is a finding of the service, not a catalog entry
            FindingCandidate f = PathTraversal.candidate(rawPath);
            serviceFinding(svc, f.type(), f.subject(), f.evidence(), at);
            metrics.dropped("path_traversal");
            return;
        }
        ResolvedPath rp = svc.templater().resolve(method, path.path());
        EndpointAggregate ep = svc.endpoint(method, rp.normalized());
        boolean created = ep == null;
        if (created) {
            Integer status = ex.response() == null ? null : ex.response().status();
            if (!rp.matchedPattern() && config.probedPaths().notFound(status)) {
                // nothing proves this path exists: a probe, kept apart from the catalog
                probe(svc, method, rp, ex.response().status(), clientOf(ex), at);
                return;
            }
            String id = Ids.endpoint(serviceKey, method, rp.normalized());
            if (svc.endpointCount() >= config.maxEndpointsPerService()) {
                metrics.capped("endpoint");
                metrics.dropped("endpoint_cap");
                return;
            }
            ep = svc.newEndpoint(id, method, rp.template(), rp.normalized());
            byId.put(id, ep);
            ProbedPathAggregate history = svc.probed().promote(method, rp.normalized());
            if (history != null) {
                // a path probed before that now answers: it joins the catalog with the calls it got as a probe
                ep.absorbProbed(history);
            }
            if (!rp.candidatePositions().isEmpty()) {
                svc.learner().observe(method, rp, id);
                svc.learnerChanged();
            }
            emit(out, Changes.of(ChangeType.NEW_ENDPOINT, serviceKey, ep, method + " " + rp.template(), null, rp.template(), at));
        } else if (!rp.candidatePositions().isEmpty()) {
            // a sibling's response shape may only now be known: judge its group again on the next flush
            svc.learnerChanged();
        }
        recorder.record(ep, ex, rp, created, at, c -> emit(out, c));
        long latency = ex.timings() == null || ex.timings().serverLatencyMicros() == Timings.UNKNOWN
                ? -1 : ex.timings().serverLatencyMicros();
        out.call(serviceKey, ep.id(), at, ex.response() == null ? 0 : ex.response().status(), latency);
        metrics.cataloged();
    }

    private void probe(ServiceCatalog svc, String method, ResolvedPath rp, int status, String client, long at) {
        ProbedPaths.Outcome o = svc.probed().probe(method, rp.template(), rp.normalized(), status, client, at);
        if (o.evicted()) {
            metrics.capped("probed_path");
        }
        if (o.burst()) {
            ProbedPathsConfig c = config.probedPaths();
            serviceFinding(svc, FindingType.CONTENT_DISCOVERY_PROBES, "client " + client,
                    "at least " + c.probesPerClient() + " answers " + c.notFoundStatuses().stream().sorted().toList()
                            + " on paths outside the catalog within " + c.window() + ", e.g. " + method + " " + abbreviated(rp.template()),
                    at);
        }
        metrics.probed();
    }

    private void serviceFinding(ServiceCatalog svc, FindingType type, String subject, String evidence, long at) {
        switch (svc.finding(type, subject, evidence, at)) {
            case NEW -> metrics.finding(type.name());
            case REFUSED_CAP -> metrics.capped("service_finding");
            case AGAIN -> { }
        }
    }

    private static String abbreviated(String path) {
        return path.length() <= MAX_EVIDENCE_PATH ? path : path.substring(0, MAX_EVIDENCE_PATH) + "...";
    }

    private static String clientOf(HttpExchange ex) {
        if (ex.clientIp() != null) {
            return ex.clientIp();
        }
        return ex.connection() == null || ex.connection().clientAddress() == null ? "unknown" : ex.connection().clientAddress();
    }

    /** Replaces a service's user rules and merges existing endpoints that a MERGE rule now covers. */
    public void applyRules(TemplateRuleSet set, CatalogOutput out) {
        if (set.schemaVersion() > TemplateRuleSet.SCHEMA_VERSION) {
            // a newer rule format may mean something else: keep the rules in force rather than misapply it
            metrics.ruleRejected("unsupported_schema");
            return;
        }
        ServiceCatalog svc = services.get(set.serviceKey());
        int sep = set.serviceKey().indexOf('|');
        if (svc == null) {
            svc = newService(set.serviceKey(), sep < 0 ? set.serviceKey() : set.serviceKey().substring(0, sep),
                    sep < 0 ? "" : set.serviceKey().substring(sep + 1), 0);
        }
        try {
            svc.rules(set.rules());
        } catch (IllegalArgumentException e) {
            metrics.ruleRejected("invalid_pattern");
            return;
        }
        svc.stateChanged();
        Map<String, List<EndpointAggregate>> regroup = new HashMap<>();
        for (EndpointAggregate ep : new ArrayList<>(svc.endpoints())) {
            ResolvedPath rp = svc.templater().resolve(ep.method(), ep.template());
            if (!rp.normalized().equals(ep.normalized())) {
                regroup.computeIfAbsent(ep.method() + " " + rp.template(), k -> new ArrayList<>()).add(ep);
            }
        }
        long now = EpochMicros.now(clock);
        for (Map.Entry<String, List<EndpointAggregate>> e : regroup.entrySet()) {
            int space = e.getKey().indexOf(' ');
            merge(svc, e.getKey().substring(0, space), e.getKey().substring(space + 1), e.getValue(), now, out, "rule");
        }
        svc.takeStateDirty();
        out.service(svc.state());
    }

    /**
     * Evaluates learned merges, marks stale endpoints, and emits every changed endpoint, finding and
     * service state. {@code nowMicros} is the wall clock, used for staleness only.
     */
    public void flush(long nowMicros, CatalogOutput out) {
        long staleMicros = config.staleAfter().toNanos() / 1000;
        for (ServiceCatalog svc : services.values()) {
            if (svc.takeLearnerDirty()) {
                for (SiblingLearner.Merge m : svc.learner().evaluate(id -> {
                    EndpointAggregate ep = svc.endpoint(id);
                    return ep == null ? null : ep.dominantShape();
                })) {
                    svc.templater().addLearned(m.method(), m.pattern());
                    svc.stateChanged();
                    List<EndpointAggregate> members = new ArrayList<>();
                    for (String id : m.endpointIds()) {
                        EndpointAggregate ep = svc.endpoint(id);
                        if (ep != null) {
                            members.add(ep);
                        }
                    }
                    merge(svc, m.method(), m.pattern().text(), members, nowMicros, out, "learned");
                }
            }
            for (EndpointAggregate ep : svc.endpoints()) {
                if (ep.markStaleIfIdle(nowMicros, staleMicros)) {
                    emit(out, Changes.of(ChangeType.ENDPOINT_STALE, svc.serviceKey(), ep, "endpoint", "active",
                            "stale (last seen " + EpochMicros.toInstant(ep.lastSeenMicros()) + ")", nowMicros));
                }
                ep.publish(config.minEnumSamples(), out);
            }
            svc.probed().publish(out);
            svc.publishFindings(out);
            if (svc.takeStateDirty()) {
                out.service(svc.state());
            }
        }
    }

    /** Merges {@code members} into the endpoint of {@code template} (created when needed). */
    private void merge(ServiceCatalog svc, String method, String template, List<EndpointAggregate> members, long at,
                       CatalogOutput out, String why) {
        String normalized = PLACEHOLDER.matcher(template).replaceAll("{}");
        String id = Ids.endpoint(svc.serviceKey(), method, normalized);
        EndpointAggregate target = svc.endpoint(id);
        if (target == null) {
            target = svc.newEndpoint(id, method, template, normalized);
            byId.put(id, target);
        }
        List<String> before = new ArrayList<>();
        for (EndpointAggregate m : members) {
            if (m == target) {
                continue;
            }
            target.absorb(m, config.maxEnumValues());
            svc.remove(m);
            byId.remove(m.id());
            out.endpointMerged(svc.serviceKey(), m.id(), target.id());
            out.endpointRemoved(svc.serviceKey(), m.id());
            // finding ids embed the endpoint id: the survivor publishes them under new ids, the old ones are resolved
            m.findingIds().forEach(out::findingRemoved);
            before.add(m.template());
        }
        target.changed();
        if (!before.isEmpty()) {
            emit(out, Changes.of(ChangeType.ENDPOINTS_MERGED, svc.serviceKey(), target, why + " merge into " + template,
                    String.join(", ", before.subList(0, Math.min(10, before.size()))) + (before.size() > 10 ? ", ..." : ""),
                    template, at));
        }
    }

    private void emit(CatalogOutput out, CatalogChange c) {
        metrics.change(c.type().name());
        out.change(c);
    }

    private ServiceCatalog newService(String serviceKey, String session, String host, long at) {
        ServiceCatalog svc = new ServiceCatalog(serviceKey, session, host, at, new PathTemplater(classifier, dictionary),
                new SiblingLearner(config.minSiblings(), config.minShapeSimilarity()), config.probedPaths());
        services.put(serviceKey, svc);
        return svc;
    }

    /** Restores a service's templating state (call before its endpoints). */
    public void restoreService(ServiceState state) {
        ServiceCatalog svc = services.get(state.serviceKey());
        if (svc == null) {
            svc = newService(state.serviceKey(), state.session(), state.host(), state.firstSeenMicros());
        }
        for (String learned : state.learnedPatterns()) {
            int space = learned.indexOf(' ');
            svc.templater().addLearned(learned.substring(0, space), PathPattern.parse(learned.substring(space + 1)));
        }
        svc.rules(state.rules());
        svc.restoreFindings(state.findings());
    }

    /** Restores an endpoint from its stored snapshot. */
    public void restoreEndpoint(EndpointSnapshot s) {
        ServiceCatalog svc = services.get(s.serviceKey());
        if (svc == null) {
            svc = newService(s.serviceKey(), s.session(), s.host(), s.firstSeenMicros());
        }
        String normalized = PLACEHOLDER.matcher(s.pathTemplate()).replaceAll("{}");
        EndpointAggregate ep = EndpointAggregate.from(s, normalized, config.minEnumSamples());
        // the stored state may be newer than what was published before a crash: publish it once again
        ep.republish();
        svc.add(ep);
        byId.put(ep.id(), ep);
        ResolvedPath rp = svc.templater().resolve(ep.method(), ep.template());
        if (!rp.candidatePositions().isEmpty() && rp.normalized().equals(normalized)) {
            svc.learner().observe(ep.method(), rp, ep.id());
            svc.learnerChanged();
        }
    }

    /** Restores a probed path from its stored state (call after its service's state). */
    public void restoreProbedPath(ProbedPath p) {
        ServiceCatalog svc = services.get(p.serviceKey());
        if (svc == null) {
            svc = newService(p.serviceKey(), p.session(), p.host(), p.firstSeenMicros());
        }
        svc.probed().restore(p, PLACEHOLDER.matcher(p.pathTemplate()).replaceAll("{}"));
    }

    /** The current snapshot of an endpoint, or null. For tests and the benchmark; the stream path uses flush. */
    public EndpointSnapshot snapshot(String endpointId) {
        EndpointAggregate ep = byId.get(endpointId);
        return ep == null ? null : ep.toSnapshot(config.minEnumSamples());
    }


    /**
     * Writes what changed since the last store write to {@code sink}, without publishing: called right
     * before the stream task commits its offsets, so that committed offsets never cover state that only
     * lived in memory. Publication follows on the next {@link #flush}.
     */
    public void persistPending(StateSink sink) {
        for (ServiceCatalog svc : services.values()) {
            if (svc.stateDirty()) {
                // left dirty: the next flush stores it again, which is idempotent
                sink.service(svc.state());
            }
            svc.probed().persist(sink);
            for (EndpointAggregate ep : svc.endpoints()) {
                EndpointSnapshot snap = ep.persist(config.minEnumSamples());
                if (snap != null) {
                    sink.endpoint(snap);
                }
            }
        }
    }
}
