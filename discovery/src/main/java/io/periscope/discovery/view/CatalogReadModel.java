package io.periscope.discovery.view;

import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog read model. Each instance reads every partition of the compacted catalog, findings, probed-paths
 * and template-rules topics and the changes topic from the beginning (no consumer group: every api-server
 * instance holds the whole index, which works alike in standalone and scale-out) into a {@link CatalogIndex}
 * that answers the queries. Only reads: rule changes go through {@link TemplateRuleWriter}, API documents
 * through the {@code openapi} package. Thread-safe.
 */
public final class CatalogReadModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReadModel.class);

    private final TopicTail tail;
    private final DiscoveryMetrics metrics;
    private final CatalogIndex index;
    private final TopicReader<EndpointSnapshot> snapshots;
    private final TopicReader<PostureFinding> findings;
    private final TopicReader<CatalogChange> changes;
    private final TopicReader<TemplateRuleSet> rules;
    private final TopicReader<ProbedPath> probedPaths;

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, MSK IAM)
     * @param metrics          discovery metrics (unreadable records are counted as dropped)
     * @param maxChanges       changes kept for the feed
     */
    public CatalogReadModel(Map<String, ?> clientProperties, DiscoveryMetrics metrics, int maxChanges) {
        this.tail = new TopicTail(clientProperties,
                List.of(Topics.CATALOG, Topics.FINDINGS, Topics.CHANGES, Topics.TEMPLATE_RULES, Topics.PROBED_PATHS), "catalog-view", this::apply);
        this.metrics = metrics;
        this.index = new CatalogIndex(maxChanges);
        SkipCounter skipped = (topic, reason) -> metrics.viewUnreadable(topic, reason.tag());
        this.snapshots = TopicReader.of(EndpointSnapshot.class, EndpointSnapshot.SCHEMA_VERSION, skipped, LOG);
        this.findings = TopicReader.of(PostureFinding.class, PostureFinding.SCHEMA_VERSION, skipped, LOG);
        this.changes = TopicReader.of(CatalogChange.class, CatalogChange.SCHEMA_VERSION, skipped, LOG);
        this.rules = TopicReader.of(TemplateRuleSet.class, TemplateRuleSet.SCHEMA_VERSION, skipped, LOG);
        this.probedPaths = TopicReader.of(ProbedPath.class, ProbedPath.SCHEMA_VERSION, skipped, LOG);
    }

    /** Assigns every partition of the four topics from the beginning and starts reading. */
    public void start() {
        tail.start();
    }

    /**
     * A tombstone removes its key; any other record is read by its topic's {@link TopicReader}, which skips,
     * counts and logs one it cannot read or whose schema version is newer than this build (the key keeps what
     * the index held before). A record that reads but trips the index is skipped and counted too: it must not
     * stop the tail, and with it every query's freshness.
     */
    private void apply(ConsumerRecord<String, byte[]> r) {
        try {
            switch (r.topic()) {
                case Topics.CATALOG -> {
                    if (r.value() == null) {
                        index.removeEndpoint(r.key());
                        return;
                    }
                    EndpointSnapshot s = snapshots.read(r);
                    if (s != null) {
                        // the histogram and sketch serve merging in the stream task; the index only shows their results
                        index.putEndpoint(s.withTraffic(s.traffic().withoutSketches()));
                    }
                }
                case Topics.FINDINGS -> {
                    if (r.value() == null) {
                        index.removeFinding(r.key());
                        return;
                    }
                    PostureFinding f = findings.read(r);
                    if (f != null) {
                        index.putFinding(f);
                    }
                }
                case Topics.CHANGES -> {
                    CatalogChange c = r.value() == null ? null : changes.read(r);
                    if (c != null) {
                        index.addChange(c);
                    }
                }
                case Topics.TEMPLATE_RULES -> {
                    if (r.value() == null) {
                        index.removeRules(r.key());
                        return;
                    }
                    TemplateRuleSet set = rules.read(r);
                    if (set != null) {
                        index.putRules(set);
                    }
                }
                case Topics.PROBED_PATHS -> {
                    if (r.value() == null) {
                        index.removeProbedPath(r.key());
                        return;
                    }
                    ProbedPath p = probedPaths.read(r);
                    if (p != null) {
                        // the sketch serves merging in the stream task; the index only shows its estimate
                        index.putProbedPath(p.withoutSketch());
                    }
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            metrics.viewUnreadable(r.topic(), "processing_error");
        }
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

    /**
     * Waits until this model has read {@code partition} up to {@code offset} (exclusive), so that what was
     * committed before is in the index.
     */
    boolean awaitPosition(TopicPartition partition, long offset, Duration timeout) throws InterruptedException {
        return tail.awaitPosition(partition, offset, timeout);
    }

    @Override
    public void close() {
        try {
            tail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
