package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourEngine;
import io.periscope.detection.behaviour.CampaignFinding;
import io.periscope.detection.behaviour.ForeignAccess;
import io.periscope.detection.behaviour.Finding;
import io.periscope.detection.behaviour.Observation;
import io.periscope.detection.behaviour.Peers;
import io.periscope.detection.incident.IncidentCorrelator;
import io.periscope.events.detection.DetectionFeedback;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.Signal;
import io.periscope.events.kafka.streams.CommitHookStore;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The second step, on the actor's partition: behaviour detection and incident correlation over the actor's whole
 * traffic. Forwards every {@link Signal} (to {@code periscope.signals}) and every incident version (to
 * {@code periscope.incidents}). State: {@link DetectionTopology#ACTORS_STORE} per actor and the task's
 * {@link Peers} under {@link DetectionTopology#PEERS_STORE}, both changelogged. Both live in memory between commits:
 * actors in a bounded {@link WriteBehindCache}, peers as one object; {@link DetectionTopology#COMMIT_HOOK_STORE}
 * writes what changed before every offset commit, so a restart resumes from state that matches the committed offsets
 * and reports nothing twice.
 *
 * <p>Time is event time only: an observation's capture time, and stream time in the punctuator
 * ({@value #TICK_SECONDS} s of stream time), which publishes throttled updates, resolves quiet incidents and evicts
 * actors idle for {@code idleTimeout} with no open incident. Signal ids are hashes of what defines the detection
 * (actor, type, window, outcome; or the exchange and the signature's own id), so a replay after a crash republishes
 * the same ids; incident versions come from the stored state, so a rebuilt store continues the numbering.
 */
final class ActorProcessor implements Processor<String, ActorInput, String, Object> {
    static final long TICK_SECONDS = 30;
    private static final String PEERS_KEY = "peers";

    private final BehaviourEngine engine;
    private final IncidentCorrelator correlator;
    private final DetectionMetrics metrics;
    private final long idleMicros;
    private final int cachedActors;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> actors;
    private KeyValueStore<String, byte[]> peerStore;
    private WriteBehindCache<ActorState> cache;
    private Peers peers;
    private boolean peersChanged;
    /** Actors whose incident has a change waiting since they were last processed; bounded by {@code cachedActors}. */
    private final Set<String> pendingActors = new LinkedHashSet<>();

    ActorProcessor(BehaviourEngine engine, IncidentCorrelator correlator, Duration idleTimeout, int cachedActors,
                   DetectionMetrics metrics) {
        this.engine = engine;
        this.correlator = correlator;
        this.metrics = metrics;
        this.idleMicros = idleTimeout.toNanos() / 1000;
        this.cachedActors = cachedActors;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.actors = context.getStateStore(DetectionTopology.ACTORS_STORE);
        this.peerStore = context.getStateStore(DetectionTopology.PEERS_STORE);
        this.cache = new WriteBehindCache<>(actors, StateCodec::actor, StateCodec::actor, metrics::stateUnreadable,
                cachedActors);
        CommitHookStore hook = context.getStateStore(DetectionTopology.COMMIT_HOOK_STORE);
        hook.onFlush(this::flush);
        byte[] stored = peerStore.get(PEERS_KEY);
        Peers read = stored == null ? null : StateCodec.peers(stored);
        this.peers = read == null ? new Peers() : read;
        context.schedule(Duration.ofSeconds(TICK_SECONDS), PunctuationType.STREAM_TIME, this::tick);
        context.schedule(Duration.ofSeconds(TICK_SECONDS), PunctuationType.WALL_CLOCK_TIME, now -> publishPending());
    }

    @Override
    public void process(Record<String, ActorInput> record) {
        ActorInput input = record.value();
        if (input == null || record.key() == null) {
            return;
        }
        String actorId = record.key();
        ActorState state = cache.get(actorId, ActorState::new);
        if (input.feedback() != null) {
            feedback(actorId, state, input.feedback(), record.timestamp() * 1000);
        } else if (input.foreign() != null) {
            foreign(actorId, state, input.foreign());
        } else if (input.campaign() != null) {
            campaign(actorId, state, input.campaign());
        } else {
            observe(actorId, state, input.observation());
        }
        cache.changed(actorId);
        if (state.incident.hasPendingChange() && pendingActors.size() < cachedActors) {
            pendingActors.add(actorId);
        }
    }

    /**
     * Stream time stands still when traffic stops, and with it the throttled updates: every {@value #TICK_SECONDS} s
     * of wall-clock time the incidents with a change waiting are published (their last requests, a throttled
     * escalation's details). Actors past the bound wait for the next stream-time tick.
     */
    private void publishPending() {
        for (String actorId : pendingActors) {
            ActorState state = cache.get(actorId, ActorState::new);
            Optional<Incident> version = correlator.publishPending(actorId, state.incident);
            if (version.isPresent()) {
                publish(version.get());
                cache.changed(actorId);
            }
        }
        pendingActors.clear();
    }

    /** Before every commit: what changed in memory goes to the stores (and their changelogs). */
    private void flush() {
        cache.flush();
        if (peersChanged) {
            peerStore.put(PEERS_KEY, StateCodec.peers(peers));
            peersChanged = false;
        }
    }

    private void feedback(String actorId, ActorState state, DetectionFeedback f, long nowMicros) {
        correlator.onFeedback(actorId, state.incident, f, Math.max(nowMicros, state.lastSeenMicros))
                .ifPresent(this::publish);
    }

    /** An access to another principal's object, learned where the object's accesses meet ({@link OwnershipProcessor}). */
    private void foreign(String actorId, ActorState state, ForeignAccess f) {
        state.lastSeenMicros = Math.max(state.lastSeenMicros, f.timeMicros());
        if (state.incident.trusted()) {
            return;
        }
        long peerWindows = peers.windows(Peers.Metric.REQUESTS);
        List<Finding> findings = engine.foreignAccess(f, state.profile, peers, !state.incident.open());
        if (peers.windows(Peers.Metric.REQUESTS) != peerWindows) {
            peersChanged = true;
        }
        for (Finding finding : findings) {
            String id = id(actorId + '|' + finding.type() + '|' + state.profile.windowStartMicros() + '|'
                    + finding.metric() + '|' + finding.outcome());
            emit(actorId, state, new Signal(Signal.SCHEMA_VERSION, id, actorId, Detector.BEHAVIOUR,
                    finding.type().name(), finding.severity(), finding.confidence(), finding.outcome(), f.principals(),
                    f.serviceKey(), null, f.method(), finding.template(), null, null, finding.explanation(),
                    finding.explanation(), f.timeMicros()));
        }
    }

    /**
     * A stuffing campaign found across addresses ({@link CampaignProcessor}), addressed to the campaign's actor: its
     * sample addresses join that actor before the signal opens or grows its incident.
     */
    private void campaign(String actorId, ActorState state, CampaignFinding c) {
        state.lastSeenMicros = Math.max(state.lastSeenMicros, c.timeMicros());
        if (state.incident.trusted()) {
            return;
        }
        correlator.onLinkedAddresses(state.incident, c.addresses(),
                c.principals() == null ? null : c.principals().clientIpSource());
        Finding finding = c.finding();
        String id = id(actorId + '|' + finding.type() + '|' + c.exchangeId() + '|' + finding.outcome());
        emit(actorId, state, new Signal(Signal.SCHEMA_VERSION, id, actorId, Detector.BEHAVIOUR, finding.type().name(),
                finding.severity(), finding.confidence(), finding.outcome(), c.principals(), c.serviceKey(), null,
                c.method(), finding.template(), c.exchangeId(), null, finding.explanation(), finding.explanation(),
                c.timeMicros()));
    }

    private void emit(String actorId, ActorState state, Signal s) {
        context.forward(new Record<>(actorId, s, s.eventTimeMicros() / 1000));
        metrics.signal(s.detector().name(), s.type(), s.eventTimeMicros(), System.currentTimeMillis());
        correlator.onSignal(actorId, state.incident, s).ifPresent(this::publish);
    }

    private void observe(String actorId, ActorState state, Observation o) {
        state.lastSeenMicros = Math.max(state.lastSeenMicros, o.timeMicros());
        if (state.incident.trusted()) {
            // a trusted actor neither opens incidents nor teaches the baselines
            correlator.onRequest(state.incident, o);
            return;
        }
        long peerWindows = peers.windows(Peers.Metric.REQUESTS);
        boolean learn = !state.incident.open();
        List<Finding> findings = engine.observe(o, state.profile, peers, learn);
        if (peers.windows(Peers.Metric.REQUESTS) != peerWindows) {
            peersChanged = true;
        }
        List<Signal> signals = new ArrayList<>(o.signatures().size() + findings.size());
        signals.addAll(o.signatures());
        for (Finding f : findings) {
            signals.add(signal(actorId, o, f, state.profile.windowStartMicros()));
        }
        for (Signal s : signals) {
            emit(actorId, state, s);
        }
        // after the signals: the request that opened an incident is one of its requests
        correlator.onRequest(state.incident, o);
    }

    private static Signal signal(String actorId, Observation o, Finding f, long windowStart) {
        String id = id(actorId + '|' + f.type() + '|' + windowStart + '|' + f.metric() + '|' + f.outcome());
        return new Signal(Signal.SCHEMA_VERSION, id, actorId, Detector.BEHAVIOUR, f.type().name(), f.severity(),
                f.confidence(), f.outcome(), o.principals(), o.serviceKey(), null, f.template() == null ? null : o.method(),
                f.template(), null, null, f.explanation(), f.explanation(), o.timeMicros());
    }

    private void publish(Incident incident) {
        context.forward(new Record<>(incident.key(), incident, incident.updatedAtMicros() / 1000));
        for (String type : incident.types()) {
            metrics.incident(incident.change().name(), type);
        }
    }

    /**
     * Walks every actor of the task: the cached ones in memory, then those only in the store. Nothing is flushed
     * first — at a high rate the stream-time tick comes far more often than a commit, and serializing every cached
     * actor for it cost more than the walk itself; what changes here is written at the next commit like any change.
     */
    private void tick(long streamTimeMillis) {
        long now = streamTimeMillis * 1000;
        List<String> idle = new ArrayList<>();
        for (String key : cache.cachedKeys()) {
            ActorState state = cache.cached(key);
            Optional<Incident> version = correlator.tick(key, state.incident, now);
            if (version.isPresent()) {
                publish(version.get());
                cache.changed(key);
            } else if (idle(state, now)) {
                idle.add(key);
            }
        }
        try (KeyValueIterator<String, byte[]> all = actors.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                if (cache.cached(kv.key) != null) {
                    continue;
                }
                ActorState state = StateCodec.actor(kv.value);
                if (state == null) {
                    metrics.stateUnreadable();
                    idle.add(kv.key);
                    continue;
                }
                Optional<Incident> version = correlator.tick(kv.key, state.incident, now);
                if (version.isPresent()) {
                    publish(version.get());
                    actors.put(kv.key, StateCodec.actor(state));
                } else if (idle(state, now)) {
                    idle.add(kv.key);
                }
            }
        }
        idle.forEach(cache::remove);
        if (!idle.isEmpty()) {
            metrics.evicted(idle.size());
        }
    }

    private boolean idle(ActorState state, long nowMicros) {
        return nowMicros - state.lastSeenMicros > idleMicros && !state.incident.open() && !state.incident.trusted();
    }

    static String id(String what) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(what.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
