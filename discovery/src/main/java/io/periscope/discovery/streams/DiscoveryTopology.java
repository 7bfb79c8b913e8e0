package io.periscope.discovery.streams;

import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.series.SeriesStore;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.Versioned;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import io.periscope.events.kafka.streams.CommitHookStore;
import io.periscope.events.kafka.streams.PoisonRecordHandlers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.LoggerFactory;

/**
 * The discovery topology. {@code periscope.exchanges} and {@code periscope.template-rules} are both keyed by
 * service key and must have the same partition count, so one task sees all exchanges and the rules of a
 * service. Outputs: endpoint snapshots (and tombstones for merged endpoints) to {@code periscope.catalog},
 * changes to {@code periscope.changes}, findings to {@code periscope.findings}, probed paths (and tombstones for
 * promoted or evicted ones) to {@code periscope.probed-paths}, call series buckets (and tombstones of expired ones)
 * to {@code periscope.series}.
 */
public final class DiscoveryTopology {
    public static final String STORE = "discovery-catalog";
    static final String HOOK_STORE = "discovery-commit-hook";
    static final String CATALOG_SINK = "catalog-sink";
    static final String CHANGES_SINK = "changes-sink";
    static final String FINDINGS_SINK = "findings-sink";
    static final String PROBED_SINK = "probed-paths-sink";
    static final String SERIES_SINK = "series-sink";

    private DiscoveryTopology() {
    }

    /**
     * Values are read at the sources by {@link TopicReader} deserializers (size limit, JSON, schema version), so
     * that a record that cannot be read goes to the deserialization exception handler
     * ({@link PoisonRecordHandlers.Deserialization}), which counts it by reason, and never reaches the processor.
     */
    public static Topology build(DiscoveryConfig config, InputLimits limits, DiscoveryMetrics metrics) {
        Topology t = new Topology();
        t.addSource("exchanges", new StringDeserializer(),
                values(HttpExchange.class, HttpExchange.SCHEMA_VERSION, limits, metrics), Topics.EXCHANGES);
        t.addSource("template-rules", new StringDeserializer(),
                values(TemplateRuleSet.class, TemplateRuleSet.SCHEMA_VERSION, limits, metrics), Topics.TEMPLATE_RULES);
        t.addProcessor("catalog", () -> new CatalogProcessor(config, limits, metrics), "exchanges", "template-rules");
        t.addStateStore(CommitHookStore.builder(HOOK_STORE), "catalog");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled(), "catalog");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SeriesStore.NAME), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled(), "catalog");
        JsonSerde<Object> json = JsonSerde.of(Object.class);
        t.addSink(CATALOG_SINK, Topics.CATALOG, new StringSerializer(), json, "catalog");
        t.addSink(CHANGES_SINK, Topics.CHANGES, new StringSerializer(), json, "catalog");
        t.addSink(FINDINGS_SINK, Topics.FINDINGS, new StringSerializer(), json, "catalog");
        t.addSink(PROBED_SINK, Topics.PROBED_PATHS, new StringSerializer(), json, "catalog");
        t.addSink(SERIES_SINK, Topics.SERIES, new StringSerializer(), json, "catalog");
        return t;
    }

    private static <T extends Versioned> Deserializer<T> values(Class<T> type, int supportedVersion, InputLimits limits,
                                                                DiscoveryMetrics metrics) {
        return TopicReader.of(type, supportedVersion, (topic, reason) -> metrics.skipped(topic, reason.tag()),
                        LoggerFactory.getLogger(DiscoveryTopology.class))
                .withMaxBytes(limits.maxRecordBytes())
                .deserializer();
    }
}
