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
    final Map<String, EndpointAggregate> endpoints = new HashMap<>();
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

    ServiceState state() {
        return new ServiceState(ServiceState.SCHEMA_VERSION, serviceKey, session, host, firstSeenMicros,
                templater.learnedPatterns(), rules);
    }
}
