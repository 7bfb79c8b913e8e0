package io.periscope.detection.streams;

import io.periscope.detection.behaviour.CampaignFinding;
import io.periscope.detection.behaviour.CampaignSettings;
import io.periscope.detection.behaviour.CampaignState;
import io.periscope.detection.behaviour.SignInAttempt;
import io.periscope.detection.behaviour.StuffingCampaigns;
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
 * Low-and-slow credential stuffing, on the client fingerprint's partition (the topology re-keys sign-in attempts by
 * fingerprint, service and sign-in endpoint through {@code <application-id>-detection-by-client-repartition}): the
 * addresses of one tool are separate actors on separate tasks, so what links them is counted here
 * ({@link StuffingCampaigns}). A campaign's finding is sent to the campaign's own actor ({@code campaign:<fingerprint>})
 * as an {@link ActorInput}, where it opens one incident naming the campaign's addresses.
 *
 * <p>State: {@link DetectionTopology#CAMPAIGNS_STORE} (changelogged), one {@link CampaignState} per group. Bounded: at
 * most {@code maxCampaigns} per task (new groups past that are not tracked, counted as {@code campaigns_full});
 * every {@value #SWEEP_MINUTES} minutes of stream time groups idle for two windows are removed.
 */
final class CampaignProcessor implements Processor<String, SignInAttempt, String, ActorInput> {
    static final long SWEEP_MINUTES = 60;

    private final StuffingCampaigns campaigns;
    private final CampaignSettings settings;
    private final DetectionMetrics metrics;
    private final StoredJson<CampaignState> codec = new StoredJson<>(CampaignState.class);
    private ProcessorContext<String, ActorInput> context;
    private KeyValueStore<String, byte[]> store;
    private long entries;

    CampaignProcessor(CampaignSettings settings, DetectionMetrics metrics) {
        this.settings = settings;
        this.campaigns = new StuffingCampaigns(settings);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ActorInput> context) {
        this.context = context;
        this.store = context.getStateStore(DetectionTopology.CAMPAIGNS_STORE);
        this.entries = store.approximateNumEntries();
        context.schedule(Duration.ofMinutes(SWEEP_MINUTES), PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, SignInAttempt> record) {
        SignInAttempt attempt = record.value();
        if (attempt == null || record.key() == null) {
            return;
        }
        byte[] stored = store.get(record.key());
        CampaignState state = stored == null ? null : codec.read(stored);
        if (stored != null && state == null) {
            metrics.keyedStateUnreadable(DetectionTopology.CAMPAIGNS_STORE);
        }
        if (state == null) {
            if (entries >= settings.maxCampaigns()) {
                metrics.keyedStateFull(DetectionTopology.CAMPAIGNS_STORE);
                return;
            }
            state = new CampaignState();
            if (stored == null) {
                entries++;
            }
        }
        CampaignFinding finding = campaigns.observe(state, attempt);
        store.put(record.key(), codec.write(state));
        if (finding != null) {
            context.forward(new Record<>(finding.actorId(), new ActorInput(null, null, null, finding),
                    finding.timeMicros() / 1000));
        }
    }

    private void sweep(long streamTimeMillis) {
        long now = streamTimeMillis * 1000;
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                CampaignState s = codec.read(kv.value);
                if (s == null || now - s.lastSeenMicros() > 2 * settings.windowMicros()) {
                    idle.add(kv.key);
                }
            }
        }
        idle.forEach(store::delete);
        entries = Math.max(0, entries - idle.size());
        metrics.keyedStateEvicted(DetectionTopology.CAMPAIGNS_STORE, idle.size());
    }
}
