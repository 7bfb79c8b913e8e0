package io.periscope.detection.streams;

import io.periscope.detection.behaviour.ForeignAccess;
import io.periscope.detection.behaviour.ObjectAccess;
import io.periscope.detection.behaviour.ObjectOwner;
import io.periscope.detection.behaviour.Ownership;
import io.periscope.detection.behaviour.OwnershipSettings;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Object ownership, on the object's partition (the topology re-keys successful object accesses by service, template
 * and id through {@code <application-id>-detection-by-object-repartition}): an actor-keyed task never sees the other
 * principals that use an object, so who owns it is learned here ({@link Ownership}) and each access to another's
 * object is sent back keyed by the accessing actor, as an {@link ActorInput} with a {@link ForeignAccess}.
 *
 * <p>State: {@link DetectionTopology#OBJECTS_STORE} (changelogged), one small {@link ObjectOwner} per object.
 * Bounded: at most {@code maxObjects} per task (a new object past that is not learned, counted as
 * {@code objects_full}); every {@value #SWEEP_MINUTES} minutes of stream time objects idle for {@code objectIdle}
 * are removed (the count of objects is the store's estimate at start, then counted). A shared object is rewritten only
 * when its last-seen time moved a day, so popular catalogue objects cost a read, not a write. Time is event time only.
 */
final class OwnershipProcessor implements Processor<String, ObjectAccess, String, ActorInput> {
    static final long SWEEP_MINUTES = 60;
    /** How stale a shared object's stored last-seen time may be: far below any sensible {@code object-idle}. */
    static final long SHARED_REFRESH_MICROS = Duration.ofDays(1).toNanos() / 1000;

    private final Ownership ownership;
    private final OwnershipSettings settings;
    private final DetectionMetrics metrics;
    private final StoredBinary<ObjectOwner> codec = new StoredBinary<>(ObjectOwner.class, ObjectOwner.BINARY);
    private ProcessorContext<String, ActorInput> context;
    private KeyValueStore<String, byte[]> objects;
    private long entries;

    OwnershipProcessor(OwnershipSettings settings, DetectionMetrics metrics) {
        this.settings = settings;
        this.ownership = new Ownership(settings);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ActorInput> context) {
        this.context = context;
        this.objects = context.getStateStore(DetectionTopology.OBJECTS_STORE);
        this.entries = objects.approximateNumEntries();
        context.schedule(Duration.ofMinutes(SWEEP_MINUTES), PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, ObjectAccess> record) {
        ObjectAccess access = record.value();
        if (access == null || record.key() == null) {
            return;
        }
        byte[] stored = objects.get(record.key());
        ObjectOwner owner = stored == null ? null : codec.read(stored);
        if (stored != null && owner == null) {
            metrics.keyedStateUnreadable(DetectionTopology.OBJECTS_STORE);
        }
        if (owner == null) {
            if (entries >= settings.maxObjects()) {
                metrics.keyedStateFull(DetectionTopology.OBJECTS_STORE);
                return;
            }
            owner = new ObjectOwner();
            if (stored == null) {
                entries++;
            }
        }
        boolean wasShared = owner.shared();
        long seenBefore = owner.lastSeenMicros();
        ForeignAccess foreign = ownership.access(owner, access);
        // a shared object (the bulk: catalogues) only moves its last-seen time; write that at most daily
        if (!wasShared || !owner.shared() || owner.lastSeenMicros() - seenBefore >= SHARED_REFRESH_MICROS) {
            objects.put(record.key(), codec.write(owner));
        }
        if (foreign != null) {
            context.forward(new Record<>(foreign.actorId(), new ActorInput(null, null, foreign, null),
                    foreign.timeMicros() / 1000));
        }
    }

    private void sweep(long streamTimeMillis) {
        long now = streamTimeMillis * 1000;
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = objects.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                ObjectOwner o = codec.read(kv.value);
                if (o == null || now - o.lastSeenMicros() > settings.objectIdleMicros()) {
                    idle.add(kv.key);
                }
            }
        }
        idle.forEach(objects::delete);
        entries = Math.max(0, entries - idle.size());
        metrics.keyedStateEvicted(DetectionTopology.OBJECTS_STORE, idle.size());
    }
}
