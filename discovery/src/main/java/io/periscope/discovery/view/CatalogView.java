package io.periscope.discovery.view;

import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.openapi.OpenApiExporter;
import io.periscope.discovery.openapi.SpecDiff;
import io.periscope.discovery.openapi.SpecDiffer;
import io.periscope.discovery.openapi.SpecImportException;
import io.periscope.discovery.openapi.SpecImporter;
import io.periscope.discovery.template.PathPattern;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The catalog read model. Each instance reads every partition of the compacted catalog, findings and
 * template-rules topics and the changes topic from the beginning (no consumer group: every api-server
 * instance holds the whole index, which works alike in standalone and scale-out) into a {@link CatalogIndex}
 * that answers the queries. Publishes template rule sets for the discovery tasks through a {@link RuleSetWriter}.
 * Thread-safe.
 */
public final class CatalogView implements AutoCloseable {
    private final TopicTail tail;
    private final RuleSetWriter rulesWriter;
    private final DiscoveryMetrics metrics;
    private final SpecImporter importer;
    private final CatalogIndex index;
    private final JsonSerde<EndpointSnapshot> snapshotSerde = JsonSerde.of(EndpointSnapshot.class);
    private final JsonSerde<PostureFinding> findingSerde = JsonSerde.of(PostureFinding.class);
    private final JsonSerde<CatalogChange> changeSerde = JsonSerde.of(CatalogChange.class);
    private final JsonSerde<TemplateRuleSet> rulesSerde = JsonSerde.of(TemplateRuleSet.class);

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, MSK IAM)
     * @param metrics          discovery metrics (unreadable records are counted as dropped)
     * @param maxChanges       changes kept for the feed
     * @param maxSpecBytes     bound on imported API documents
     */
    public CatalogView(Map<String, ?> clientProperties, DiscoveryMetrics metrics, int maxChanges, int maxSpecBytes) {
        this(clientProperties, metrics, maxChanges, maxSpecBytes, RuleLimits.defaults());
    }

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, MSK IAM)
     * @param metrics          discovery metrics (unreadable records are counted as dropped)
     * @param maxChanges       changes kept for the feed
     * @param maxSpecBytes     bound on imported API documents
     * @param ruleLimits       bounds on a service's template rules, checked before a rule set is written
     */
    public CatalogView(Map<String, ?> clientProperties, DiscoveryMetrics metrics, int maxChanges, int maxSpecBytes,
                       RuleLimits ruleLimits) {
        this.tail = new TopicTail(clientProperties,
                List.of(Topics.CATALOG, Topics.FINDINGS, Topics.CHANGES, Topics.TEMPLATE_RULES), "catalog-view", this::apply);
        this.metrics = metrics;
        this.index = new CatalogIndex(maxChanges);
        this.importer = new SpecImporter(maxSpecBytes);
        this.rulesWriter = new RuleSetWriter(clientProperties, tail, index, ruleLimits);
    }

    /** Assigns every partition of the four topics from the beginning and starts reading. */
    public void start() {
        tail.start();
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        try {
            switch (r.topic()) {
                case Topics.CATALOG -> {
                    if (r.value() == null) {
                        index.removeEndpoint(r.key());
                    } else {
                        EndpointSnapshot s = snapshotSerde.deserialize(r.topic(), r.value());
                        if (understood(r, s.schemaVersion(), EndpointSnapshot.SCHEMA_VERSION)) {
                            // the histogram and sketch serve merging in the stream task; the index only shows their results
                            index.putEndpoint(s.withTraffic(s.traffic().withoutSketches()));
                        }
                    }
                }
                case Topics.FINDINGS -> {
                    if (r.value() == null) {
                        index.removeFinding(r.key());
                    } else {
                        PostureFinding f = findingSerde.deserialize(r.topic(), r.value());
                        if (understood(r, f.schemaVersion(), PostureFinding.SCHEMA_VERSION)) {
                            index.putFinding(f);
                        }
                    }
                }
                case Topics.CHANGES -> {
                    if (r.value() != null) {
                        CatalogChange c = changeSerde.deserialize(r.topic(), r.value());
                        if (understood(r, c.schemaVersion(), CatalogChange.SCHEMA_VERSION)) {
                            index.addChange(c);
                        }
                    }
                }
                case Topics.TEMPLATE_RULES -> {
                    if (r.value() == null) {
                        index.removeRules(r.key());
                    } else {
                        TemplateRuleSet set = rulesSerde.deserialize(r.topic(), r.value());
                        if (understood(r, set.schemaVersion(), TemplateRuleSet.SCHEMA_VERSION)) {
                            index.putRules(set);
                        }
                    }
                }
                default -> { }
            }
        } catch (SerializationException e) {
            metrics.viewUnreadable(r.topic(), "unreadable");
        } catch (RuntimeException e) {
            // a record that reads but trips the index must not stop the tail, and with it every query's freshness
            metrics.viewUnreadable(r.topic(), "processing_error");
        }
    }

    /**
     * False, counted, for a record newer than this code: its fields may have changed meaning, so it is skipped
     * (the key keeps what the index held before) rather than misread.
     */
    private boolean understood(ConsumerRecord<String, byte[]> r, int schemaVersion, int supported) {
        if (schemaVersion > supported) {
            metrics.viewUnreadable(r.topic(), "unsupported_schema");
            return false;
        }
        return true;
    }

    /** Waits until everything that was on the topics when {@link #start()} ran has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }

    /** True once everything that was on the topics when {@link #start()} ran has been read. */
    public boolean caughtUp() {
        return tail.caughtUp();
    }

    /** The index the queries run on. */
    public CatalogIndex index() {
        return index;
    }

    /** The observed API of a service as OpenAPI 3.1 JSON, or empty when the service is unknown. */
    public Optional<String> openApi(String serviceKey) {
        List<EndpointSnapshot> eps = index.ofService(serviceKey);
        if (eps.isEmpty()) {
            return Optional.empty();
        }
        OpenApiExporter exporter = new OpenApiExporter();
        return Optional.of(exporter.toJson(exporter.export(serviceKey, eps.get(0).host(), eps)));
    }

    /** Diffs a user's API document with the observed endpoints of a service. */
    public SpecDiff diff(String serviceKey, String document) throws SpecImportException {
        return new SpecDiffer().diff(importer.parse(document), index.ofService(serviceKey));
    }

    /** The rules of a service, in the order they were added. */
    public List<TemplateRule> rules(String serviceKey) {
        return index.rules(serviceKey);
    }

    /** The rule set of a service with its version (0 when it has none). */
    public TemplateRuleSet ruleSet(String serviceKey) {
        return index.ruleSet(serviceKey);
    }

    /**
     * Adds a template rule to a service and publishes the service's rule set atomically (see
     * {@link RuleSetWriter}); the discovery task that owns the service applies it. Invalid patterns are rejected
     * here with the reason.
     *
     * @param expectedVersion the version the caller read ({@code If-Match}), or empty to add to whatever is current
     * @return the set written, which holds the new rule last
     */
    public TemplateRuleSet addRule(String serviceKey, TemplateRule.Action action, String method, String pattern,
                                   String createdBy, OptionalLong expectedVersion) throws InterruptedException {
        PathPattern.parse(pattern);
        TemplateRule rule = new TemplateRule(UUID.randomUUID().toString(), action,
                method == null ? null : method.toUpperCase(Locale.ROOT), pattern, createdBy, System.currentTimeMillis() * 1000);
        return rulesWriter.update(serviceKey, expectedVersion, current -> {
            List<TemplateRule> next = new ArrayList<>(current.rules());
            next.add(rule);
            return next;
        }).orElseThrow();
    }

    /**
     * Removes a rule atomically.
     *
     * @return the set written, or empty when the service has no rule with that id (nothing is written)
     */
    public Optional<TemplateRuleSet> removeRule(String serviceKey, String ruleId, OptionalLong expectedVersion)
            throws InterruptedException {
        return rulesWriter.update(serviceKey, expectedVersion, current -> {
            List<TemplateRule> next = current.rules().stream().filter(r -> !r.id().equals(ruleId)).toList();
            return next.size() == current.rules().size() ? null : next;
        });
    }

    @Override
    public void close() {
        try {
            tail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        rulesWriter.close();
    }
}
