package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourEngine;
import io.periscope.detection.behaviour.ObjectAccess;
import io.periscope.detection.behaviour.SignInAttempt;
import io.periscope.detection.incident.IncidentCorrelator;
import io.periscope.events.Versioned;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import io.periscope.events.kafka.streams.CommitHookStore;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The detection topology.
 * <pre>
 * periscope.exchanges (by service) ─ principals ─┬────────────────────────────────┐
 *                                                ├─ by object ─ objects ──────────┤
 *                                                ├─ by client ─ campaigns ────────┼─ by actor ─ actors ─┬─ periscope.signals
 * periscope.detection-feedback ─ by actor ───────┴────────────────────────────────┘                     └─ periscope.incidents
 * </pre>
 * The {@code objects} step learns who owns each object and sends accesses to another's object back to the accessing
 * actor; {@code campaigns} gets every sign-in attempt of one sign-in endpoint and links attempts from many addresses
 * by client fingerprint or by the accounts they try (low-and-slow stuffing).
 * The {@code principals} step runs where the exchange is (its service partition): it names the actor, runs the
 * signature detectors and reduces the exchange to an observation. The repartition topic
 * ({@code <application.id>-detection-by-actor-repartition}) brings all of one actor's traffic to one task, on one
 * instance, whether one instance runs or many. Values on the sources are read by {@link TopicReader} deserializers,
 * so a poison record goes to the deserialization handler and is counted, never reaching a processor. The three
 * repartition topics carry {@link RepartitionFormat}'s binary records through {@link RepartitionSerde}, which also
 * reads the JSON that earlier builds wrote there.
 */
public final class DetectionTopology {
    public static final String LINKS_STORE = "detection-links";
    public static final String ACTORS_STORE = "detection-actors";
    public static final String PEERS_STORE = "detection-peers";
    /** Runs {@link ActorProcessor}'s write-behind flush before the task's stores and offsets commit. */
    static final String COMMIT_HOOK_STORE = "detection-commit-hook";
    /** Runs {@link RequestSchemas}' write-behind flush before the principals task's stores and offsets commit. */
    static final String PRINCIPALS_COMMIT_HOOK_STORE = "detection-principals-commit-hook";
    public static final String OBJECTS_STORE = "detection-objects";
    public static final String CAMPAIGNS_STORE = "detection-campaigns";
    public static final String SCHEMAS_STORE = "detection-schemas";
    static final String REPARTITION = "detection-by-actor";
    static final String BY_OBJECT = "detection-by-object";
    static final String BY_CLIENT = "detection-by-client";

    private DetectionTopology() {
    }

    public static Topology build(DetectionConfig config, ExchangeSignatures signatures, DetectionMetrics metrics) {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINKS_STORE), Serdes.String(),
                Serdes.String()).withCachingDisabled());
        // before the stores it writes: a task commits its stores in the order they were added
        b.addStateStore(CommitHookStore.builder(COMMIT_HOOK_STORE));
        b.addStateStore(CommitHookStore.builder(PRINCIPALS_COMMIT_HOOK_STORE));
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTORS_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PEERS_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());
        // Read and often written once per record (an object moves its owner's last-seen time): Kafka Streams' record
        // cache keeps the hot keys in memory and writes each to RocksDB and its changelog once per commit instead of
        // once per record (flushed before the task's offsets commit, so a restart still resumes from matching state).
        for (String keyed : new String[] {OBJECTS_STORE, CAMPAIGNS_STORE}) {
            b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(keyed), Serdes.String(),
                    Serdes.ByteArray()).withCachingEnabled());
        }
        // the schemas have a write-behind cache of their own (RequestSchemas), so no record cache in front
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCHEMAS_STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingDisabled());

        KStream<String, ActorInput> observations = b
                .stream(Topics.EXCHANGES, Consumed.with(Serdes.String(),
                        Serdes.serdeFrom(new JsonSerde<>(HttpExchange.class), values(HttpExchange.class,
                                HttpExchange.SCHEMA_VERSION, config.maxRecordBytes(), metrics))).withName("exchanges"))
                .process(() -> new PrincipalProcessor(config.principals(), config.behaviour(), signatures, metrics),
                        Named.as("principals"), LINKS_STORE, PRINCIPALS_COMMIT_HOOK_STORE, SCHEMAS_STORE);
        KStream<String, ActorInput> feedback = b
                .stream(Topics.DETECTION_FEEDBACK, Consumed.with(Serdes.String(),
                        Serdes.serdeFrom(new JsonSerde<>(DetectionFeedback.class), values(DetectionFeedback.class,
                                DetectionFeedback.SCHEMA_VERSION, config.maxRecordBytes(), metrics))).withName("feedback"))
                .filter((k, v) -> v != null, Named.as("feedback-present"))
                .map((k, v) -> org.apache.kafka.streams.KeyValue.pair(v.actorId(), new ActorInput(null, v)),
                        Named.as("feedback-by-actor"));

        KStream<String, ActorInput> foreign = observations
                .flatMap((k, v) -> {
                    ObjectAccess a = v.observation() == null ? null : ObjectAccess.of(v.observation());
                    return a == null ? List.<KeyValue<String, ObjectAccess>>of() : List.of(KeyValue.pair(a.objectKey(), a));
                }, Named.as("object-accesses"))
                .repartition(Repartitioned.with(Serdes.String(),
                        new RepartitionSerde<>(ObjectAccess.class, RepartitionFormat.OBJECT_ACCESS)).withName(BY_OBJECT))
                .process(() -> new OwnershipProcessor(config.behaviour().ownership(), metrics), Named.as("objects"),
                        OBJECTS_STORE);
        KStream<String, ActorInput> campaigns = observations
                .flatMap((k, v) -> {
                    SignInAttempt a = v.observation() == null ? null : SignInAttempt.of(v.observation());
                    return a == null ? List.<KeyValue<String, SignInAttempt>>of() : List.of(KeyValue.pair(a.campaignKey(), a));
                }, Named.as("sign-in-attempts"))
                .repartition(Repartitioned.with(Serdes.String(),
                        new RepartitionSerde<>(SignInAttempt.class, RepartitionFormat.SIGN_IN_ATTEMPT)).withName(BY_CLIENT))
                .process(() -> new CampaignProcessor(config.behaviour().campaigns(), metrics), Named.as("campaigns"),
                        CAMPAIGNS_STORE);

        RepartitionSerde<ActorInput> inputs = new RepartitionSerde<>(ActorInput.class, RepartitionFormat.ACTOR_INPUT);
        observations.merge(feedback, Named.as("actor-inputs"))
                .merge(foreign, Named.as("foreign-accesses"))
                .merge(campaigns, Named.as("campaign-findings"))
                .repartition(Repartitioned.with(Serdes.String(), inputs).withName(REPARTITION))
                .process(() -> new ActorProcessor(new BehaviourEngine(config.behaviour()),
                        new IncidentCorrelator(config.incidents()), config.idleTimeout(), config.cachedActors(), metrics),
                        Named.as("actors"), COMMIT_HOOK_STORE, ACTORS_STORE, PEERS_STORE)
                .to((key, value, ctx) -> value instanceof Signal ? Topics.SIGNALS : Topics.INCIDENTS,
                        Produced.with(Serdes.String(), JsonSerde.of(Object.class)).withName("detections"));
        return b.build();
    }

    private static <T extends Versioned> Deserializer<T> values(Class<T> type, int supportedVersion, int maxBytes,
                                                                DetectionMetrics metrics) {
        return TopicReader.of(type, supportedVersion, (topic, reason) -> metrics.skipped(topic, reason.tag()),
                        LoggerFactory.getLogger(DetectionTopology.class))
                .withMaxBytes(maxBytes)
                .deserializer();
    }
}
