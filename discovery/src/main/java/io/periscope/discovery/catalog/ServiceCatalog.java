package io.periscope.discovery.catalog;

import io.periscope.discovery.template.PathTemplater;
import io.periscope.discovery.template.SiblingLearner;
import io.periscope.events.catalog.TemplateRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One service (mirror session + host): its templater, its sibling learner and its endpoints by id. */
final class ServiceCatalog {
    final String serviceKey;
    final String session;
    final String host;
    long firstSeenMicros;
    final PathTemplater templater;
    final SiblingLearner learner;
    /** Endpoints by id. */
    final Map<String, EndpointAggregate> endpoints = new HashMap<>();
    /** The same endpoints by method and normalized template: the per-exchange look-up, without hashing an id. */
    final Map<String, EndpointAggregate> byTemplate = new HashMap<>();
    List<TemplateRule> rules = List.of();
    /** Templating state changed and must be stored. */
    boolean stateDirty;
    /** New literal endpoints arrived since the last merge evaluation. */
    boolean learnerDirty;

    ServiceCatalog(String serviceKey, String session, String host, long firstSeenMicros, PathTemplater templater,
                   SiblingLearner learner) {
        this.serviceKey = serviceKey;
        this.session = session;
        this.host = host;
        this.firstSeenMicros = firstSeenMicros;
        this.templater = templater;
        this.learner = learner;
    }

    static String templateKey(String method, String normalized) {
        return method + ' ' + normalized;
    }

    void add(EndpointAggregate ep) {
        endpoints.put(ep.id(), ep);
        byTemplate.put(templateKey(ep.method(), ep.normalized()), ep);
    }

    void remove(EndpointAggregate ep) {
        endpoints.remove(ep.id());
        byTemplate.remove(templateKey(ep.method(), ep.normalized()));
    }

    ServiceState state() {
        return new ServiceState(ServiceState.SCHEMA_VERSION, serviceKey, session, host, firstSeenMicros,
                templater.learnedPatterns(), rules);
    }
}
