package io.periscope.discovery.catalog;

import io.periscope.discovery.template.PathTemplater;
import io.periscope.discovery.template.SiblingLearner;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.TemplateRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service (mirror session + host): its templater, its sibling learner and its endpoints by id.
 * Invariant: {@code endpoints} and {@code byTemplate} hold the same endpoints, each under its id and under its
 * method and normalized template. {@code stateDirty} means the templating state (learned patterns, rules)
 * changed since last stored; {@code learnerDirty} that new literal endpoints arrived since the last merge
 * evaluation. {@code findings} are the service's own findings (traversal attempts, content-discovery bursts), one
 * per type and subject, at most {@link #MAX_FINDINGS}; they are stored with the service state. {@code probed} holds
 * the paths that only ever answered "not found", never among {@code endpoints}.
 */
final class ServiceCatalog {
    /** Service findings kept: one per scanning client or traversal subject; beyond this the flood is already visible. */
    static final int MAX_FINDINGS = 256;

    private final String serviceKey;
    private final String session;
    private final String host;
    private final long firstSeenMicros;
    private final PathTemplater templater;
    private final SiblingLearner learner;
    private final Map<String, EndpointAggregate> endpoints = new HashMap<>();
    /** The per-exchange look-up, without hashing an id. */
    private final Map<String, EndpointAggregate> byTemplate = new HashMap<>();
    private final Map<String, FindingAggregate> findings = new LinkedHashMap<>();
    private final ProbedPaths probed;
    private List<TemplateRule> rules = List.of();
    private boolean stateDirty;
    private boolean learnerDirty;

    ServiceCatalog(String serviceKey, String session, String host, long firstSeenMicros, PathTemplater templater,
                   SiblingLearner learner, ProbedPathsConfig probedPaths) {
        this.serviceKey = serviceKey;
        this.session = session;
        this.host = host;
        this.firstSeenMicros = firstSeenMicros;
        this.templater = templater;
        this.learner = learner;
        this.probed = new ProbedPaths(serviceKey, session, host, probedPaths);
    }

    ProbedPaths probed() {
        return probed;
    }

    private static String templateKey(String method, String normalized) {
        return method + ' ' + normalized;
    }

    String serviceKey() {
        return serviceKey;
    }

    PathTemplater templater() {
        return templater;
    }

    SiblingLearner learner() {
        return learner;
    }

    /** The endpoint, or null. */
    EndpointAggregate endpoint(String id) {
        return endpoints.get(id);
    }

    /** The endpoint of a method and normalized template, or null. */
    EndpointAggregate endpoint(String method, String normalized) {
        return byTemplate.get(templateKey(method, normalized));
    }

    int endpointCount() {
        return endpoints.size();
    }

    /** The endpoints; not to be changed while iterating (merges copy first). */
    Collection<EndpointAggregate> endpoints() {
        return endpoints.values();
    }

    /** Creates and adds an endpoint of this service. */
    EndpointAggregate newEndpoint(String id, String method, String template, String normalized) {
        EndpointAggregate ep = new EndpointAggregate(id, serviceKey, session, host, method, template, normalized);
        add(ep);
        return ep;
    }

    void add(EndpointAggregate ep) {
        endpoints.put(ep.id(), ep);
        byTemplate.put(templateKey(ep.method(), ep.normalized()), ep);
    }

    void remove(EndpointAggregate ep) {
        endpoints.remove(ep.id());
        byTemplate.remove(templateKey(ep.method(), ep.normalized()));
    }

    /**
     * Puts user rules in force.
     *
     * @throws IllegalArgumentException when a pattern is invalid; the rules in force stay
     */
    void rules(List<TemplateRule> next) {
        templater.setUserRules(next);
        rules = next;
    }

    /** What became of a sighting of a service finding. */
    enum Sighting { NEW, AGAIN, REFUSED_CAP }

    /**
     * Counts a finding of the service itself, seen at {@code at}; the service state then needs storing. A new
     * finding is refused when {@link #MAX_FINDINGS} are already held.
     */
    Sighting finding(FindingType type, String subject, String evidence, long at) {
        String id = Ids.of("finding", serviceKey, type.name(), subject);
        if (findings.size() >= MAX_FINDINGS && !findings.containsKey(id)) {
            return Sighting.REFUSED_CAP;
        }
        boolean created = FindingAggregate.record(findings, id, type, subject, evidence, at);
        stateDirty = true;
        return created ? Sighting.NEW : Sighting.AGAIN;
    }

    /** Emits the service's findings that changed since last published. */
    void publishFindings(CatalogOutput out) {
        for (FindingAggregate f : findings.values()) {
            if (f.takeDirty()) {
                out.finding(f.toServiceFinding(serviceKey));
            }
        }
    }

    /** Restores the service's findings from its stored state; they are published again on the next flush. */
    void restoreFindings(List<PostureFinding> stored) {
        for (PostureFinding f : stored) {
            FindingAggregate a = FindingAggregate.from(f);
            a.markDirty();
            findings.put(f.id(), a);
        }
    }

    void stateChanged() {
        stateDirty = true;
    }

    boolean stateDirty() {
        return stateDirty;
    }

    /** Whether the templating state changed since last stored; it then counts as stored. */
    boolean takeStateDirty() {
        boolean was = stateDirty;
        stateDirty = false;
        return was;
    }

    void learnerChanged() {
        learnerDirty = true;
    }

    /** Whether new literal endpoints arrived since the last merge evaluation; they then count as evaluated. */
    boolean takeLearnerDirty() {
        boolean was = learnerDirty;
        learnerDirty = false;
        return was;
    }

    ServiceState state() {
        return new ServiceState(ServiceState.SCHEMA_VERSION, serviceKey, session, host, firstSeenMicros,
                templater.learnedPatterns(), rules, serviceFindings());
    }

    private List<PostureFinding> serviceFindings() {
        List<PostureFinding> out = new ArrayList<>(findings.size());
        for (FindingAggregate f : findings.values()) {
            out.add(f.toServiceFinding(serviceKey));
        }
        return out;
    }
}
