package io.periscope.discovery.view;

import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The catalog read model. Each instance reads every partition of the compacted catalog, findings and
 * template-rules topics and the changes topic from the beginning (no consumer group: every api-server
 * instance holds the whole index, which works alike in standalone and scale-out) into a {@link CatalogIndex}
 * that answers the queries. Only reads: rule changes go through {@link TemplateRuleWriter}, API documents
 * through the {@code openapi} package. Thread-safe.
 */
public final class CatalogReadModel implements AutoCloseable {
    private final TopicTail tail;
    private final DiscoveryMetrics metrics;
    private final CatalogIndex index;
    private final JsonSerde<EndpointSnapshot> snapshotSerde = JsonSerde.of(EndpointSnapshot.class);
    private final JsonSerde<PostureFinding> findingSerde = JsonSerde.of(PostureFinding.class);
    private final JsonSerde<CatalogChange> changeSerde = JsonSerde.of(CatalogChange.class);
    private final JsonSerde<TemplateRuleSet> rulesSerde = JsonSerde.of(TemplateRuleSet.class);

    /**
     * @param clientProperties bootstrap servers and any client settings the cluster needs (TLS, SASL, MSK IAM)
     * @param metrics          discovery metrics (unreadable records are counted as dropped)
     * @param maxChanges       changes kept for the feed
     */
    public CatalogReadModel(Map<String, ?> clientProperties, DiscoveryMetrics metrics, int maxChanges) {
        this.tail = new TopicTail(clientProperties,
                List.of(Topics.CATALOG, Topics.FINDINGS, Topics.CHANGES, Topics.TEMPLATE_RULES), "catalog-view", this::apply);
        this.metrics = metrics;
        this.index = new CatalogIndex(maxChanges);
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
