package io.periscope.discovery.streams;

import io.periscope.discovery.catalog.CatalogEngine;
import io.periscope.discovery.catalog.CatalogOutput;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.catalog.ServiceState;
import io.periscope.discovery.catalog.StateSink;
import io.periscope.discovery.series.SeriesEngine;
import io.periscope.discovery.series.SeriesMetrics;
import io.periscope.discovery.series.SeriesOutput;
import io.periscope.discovery.series.SeriesStore;
import io.periscope.events.series.BucketKey;
import io.periscope.events.series.SeriesBucket;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.events.kafka.streams.CommitHookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's catalog: exchanges and rule sets in, snapshots, changes and findings out. The catalog lives in
 * a {@link CatalogEngine} in memory; the key-value store (with its changelog topic) holds
 * {@code e|<endpointId>} → snapshot, {@code s|<serviceKey>} → service state and {@code p|<probedPathId>} → probed
 * path, written on each flush punctuation and before each commit, and read back when the task is (re)assigned.
 * Beside it, the task's {@link SeriesEngine} counts every cataloged call in its service's and endpoint's time
 * series, kept in the {@link SeriesStore#NAME} store on the same schedule and published to {@code periscope.series}.
 */
final class CatalogProcessor implements Processor<String, Object, String, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogProcessor.class);
    static final String ENDPOINT_PREFIX = "e|";
    static final String SERVICE_PREFIX = "s|";
    static final String PROBED_PREFIX = "p|";

    private final DiscoveryConfig config;
    private final DiscoveryMetrics metrics;
    private final InputLimits limits;
    private final JsonSerde<Object> out = JsonSerde.of(Object.class);
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private CatalogEngine engine;
    private SeriesEngine series;
    private Forwarder forwarder;

    CatalogProcessor(DiscoveryConfig config, InputLimits limits, DiscoveryMetrics metrics) {
        this.config = config;
        this.limits = limits;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(DiscoveryTopology.STORE);
        CommitHookStore hook = context.getStateStore(DiscoveryTopology.HOOK_STORE);
        this.engine = new CatalogEngine(config, metrics, () -> Instant.ofEpochMilli(context.currentSystemTimeMs()));
        KeyValueStore<String, byte[]> seriesStore = context.getStateStore(SeriesStore.NAME);
        this.series = new SeriesEngine(SeriesEngine.DEFAULT_MAX_SERIES, new SeriesMetrics(metrics.registry()),
                new KeyValueSeriesStore(seriesStore));
        this.forwarder = new Forwarder();
        restore();
        restoreSeries(seriesStore);
        StoreWriter storeWriter = new StoreWriter();
        hook.onFlush(() -> {
            engine.persistPending(storeWriter);
            series.persistPending();
        });
        context.schedule(config.flushInterval(), PunctuationType.WALL_CLOCK_TIME, ts -> {
            engine.flush(ts * 1000, forwarder);
            series.flush(forwarder);
        });
    }

    private void restore() {
        List<ServiceState> services = new ArrayList<>();
        List<EndpointSnapshot> endpoints = new ArrayList<>();
        List<ProbedPath> probed = new ArrayList<>();
        JsonSerde<ServiceState> ss = JsonSerde.of(ServiceState.class);
        JsonSerde<EndpointSnapshot> es = JsonSerde.of(EndpointSnapshot.class);
        JsonSerde<ProbedPath> ps = JsonSerde.of(ProbedPath.class);
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                try {
                    if (kv.key.startsWith(SERVICE_PREFIX)) {
                        services.add(ss.deserialize(DiscoveryTopology.STORE, kv.value));
                    } else if (kv.key.startsWith(ENDPOINT_PREFIX)) {
                        endpoints.add(es.deserialize(DiscoveryTopology.STORE, kv.value));
                    } else if (kv.key.startsWith(PROBED_PREFIX)) {
                        probed.add(ps.deserialize(DiscoveryTopology.STORE, kv.value));
                    }
                } catch (SerializationException e) {
                    metrics.stateUnreadable();
                    LOG.warn("discarding unreadable catalog state {}: {}", kv.key, failureKind(e));
                }
            }
        }
        services.forEach(engine::restoreService);
        endpoints.forEach(engine::restoreEndpoint);
        // oldest first, so that the least recently probed path is again the first one evicted
        probed.sort(Comparator.comparingLong(ProbedPath::lastSeenMicros));
        probed.forEach(engine::restoreProbedPath);
        if (!endpoints.isEmpty()) {
            LOG.info("task {} restored {} services and {} endpoints", context.taskId(), services.size(), endpoints.size());
        }
    }

    private void restoreSeries(KeyValueStore<String, byte[]> seriesStore) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = seriesStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                entries.add(Map.entry(kv.key, kv.value));
            }
        }
        series.restore(entries);
    }

    /**
     * Records arrive already read by the sources' {@link io.periscope.events.kafka.TopicReader} deserializers, which
     * also refuse newer schema versions; one that could not be read never gets here. An exception thrown while cataloging goes to {@link io.periscope.events.kafka.streams.PoisonRecordHandlers.Processing}, which skips
     * and counts the record.
     */
    @Override
    public void process(Record<String, Object> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.EXCHANGES);
        if (Topics.TEMPLATE_RULES.equals(topic)) {
            rules(record.key(), (TemplateRuleSet) record.value());
            return;
        }
        if (!(record.value() instanceof HttpExchange ex)) {
            metrics.dropped("empty");
            return;
        }
        engine.accept(ex, forwarder);
    }

    private void rules(String key, TemplateRuleSet value) {
        if (key == null) {
            metrics.skipped(Topics.TEMPLATE_RULES, "no_key");
            return;
        }
        TemplateRuleSet set = value == null ? TemplateRuleSet.empty(key) : value;
        if (!key.equals(set.serviceKey())) {
            metrics.skipped(Topics.TEMPLATE_RULES, "key_mismatch");
            return;
        }
        if (set.rules().size() > limits.maxRulesPerService()) {
            // the service's state holds its rules and must fit one changelog record: keep the rules in force
            metrics.skipped(Topics.TEMPLATE_RULES, "too_many_rules");
            return;
        }
        engine.applyRules(set, forwarder);
    }

    private static String failureKind(Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getClass().getSimpleName();
    }

    /** Writes state to the store only: used before commits, where forwarding is not allowed. */
    private final class StoreWriter implements StateSink {
        @Override
        public void endpoint(EndpointSnapshot snapshot) {
            store.put(ENDPOINT_PREFIX + snapshot.endpointId(), out.serialize(DiscoveryTopology.STORE, snapshot));
        }

        @Override
        public void service(ServiceState state) {
            store.put(SERVICE_PREFIX + state.serviceKey(), out.serialize(DiscoveryTopology.STORE, state));
        }

        @Override
        public void probedPath(ProbedPath path) {
            store.put(PROBED_PREFIX + path.id(), out.serialize(DiscoveryTopology.STORE, path));
        }

        @Override
        public void probedPathRemoved(String probedPathId) {
            store.delete(PROBED_PREFIX + probedPathId);
        }
    }

    /** The series' state in the task's {@link SeriesStore#NAME} store. */
    private record KeyValueSeriesStore(KeyValueStore<String, byte[]> store) implements SeriesStore {
        @Override
        public void put(String key, byte[] value) {
            store.put(key, value);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }

        @Override
        public byte[] get(String key) {
            return store.get(key);
        }
    }

    /**
     * Forwards engine output to the sinks, and writes endpoint and service state to the store; hands each cataloged
     * call and each merge to the series.
     */
    private final class Forwarder implements CatalogOutput, SeriesOutput {
        @Override
        public void change(CatalogChange change) {
            context.forward(new Record<String, Object>(change.serviceKey(), change, change.atMicros() / 1000),
                    DiscoveryTopology.CHANGES_SINK);
        }

        @Override
        public void finding(PostureFinding finding) {
            context.forward(new Record<String, Object>(finding.id(), finding, finding.lastSeenMicros() / 1000),
                    DiscoveryTopology.FINDINGS_SINK);
        }

        @Override
        public void endpoint(EndpointSnapshot snapshot) {
            store.put(ENDPOINT_PREFIX + snapshot.endpointId(), out.serialize(DiscoveryTopology.STORE, snapshot));
            context.forward(new Record<String, Object>(snapshot.endpointId(), snapshot, context.currentSystemTimeMs()),
                    DiscoveryTopology.CATALOG_SINK);
        }

        @Override
        public void endpointRemoved(String serviceKey, String endpointId) {
            store.delete(ENDPOINT_PREFIX + endpointId);
            context.forward(new Record<String, Object>(endpointId, null, context.currentSystemTimeMs()),
                    DiscoveryTopology.CATALOG_SINK);
        }

        @Override
        public void findingRemoved(String findingId) {
            context.forward(new Record<String, Object>(findingId, null, context.currentSystemTimeMs()),
                    DiscoveryTopology.FINDINGS_SINK);
        }

        @Override
        public void service(ServiceState state) {
            store.put(SERVICE_PREFIX + state.serviceKey(), out.serialize(DiscoveryTopology.STORE, state));
        }

        @Override
        public void probedPath(ProbedPath path) {
            store.put(PROBED_PREFIX + path.id(), out.serialize(DiscoveryTopology.STORE, path));
            context.forward(new Record<String, Object>(path.id(), path, context.currentSystemTimeMs()), DiscoveryTopology.PROBED_SINK);
        }

        @Override
        public void probedPathRemoved(String serviceKey, String probedPathId) {
            store.delete(PROBED_PREFIX + probedPathId);
            context.forward(new Record<String, Object>(probedPathId, null, context.currentSystemTimeMs()),
                    DiscoveryTopology.PROBED_SINK);
        }

        @Override
        public void call(String serviceKey, String endpointId, long atMicros, int status, long latencyMicros) {
            series.call(serviceKey, endpointId, atMicros, status, latencyMicros);
        }

        @Override
        public void endpointMerged(String serviceKey, String fromEndpointId, String intoEndpointId) {
            series.merged(serviceKey, fromEndpointId, intoEndpointId, this);
        }

        @Override
        public void bucket(SeriesBucket bucket) {
            context.forward(new Record<String, Object>(bucket.key().toString(), bucket, context.currentSystemTimeMs()),
                    DiscoveryTopology.SERIES_SINK);
        }

        @Override
        public void bucketRemoved(BucketKey key) {
            context.forward(new Record<String, Object>(key.toString(), null, context.currentSystemTimeMs()),
                    DiscoveryTopology.SERIES_SINK);
        }
    }
}
