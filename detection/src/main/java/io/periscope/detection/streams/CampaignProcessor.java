package io.periscope.detection.streams;

import io.periscope.detection.behaviour.AccountListLinks;
import io.periscope.detection.behaviour.AccountTriers;
import io.periscope.detection.behaviour.ActorTrail;
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
 * Low-and-slow credential stuffing, on the sign-in endpoint's partition (the topology re-keys sign-in attempts by
 * service and sign-in endpoint through {@code <application-id>-detection-by-client-repartition},
 * {@link SignInAttempt#campaignKey()}): the addresses of one tool are separate actors on separate tasks, so what links
 * them is counted here. Two links:
 * <ul>
 *   <li>the client fingerprint ({@link StuffingCampaigns}): one {@link CampaignState} per fingerprint group, reported
 *       to {@code campaign:<fingerprint>};</li>
 *   <li>the account list ({@link AccountListLinks}): addresses that rotate fingerprints but fail on the same accounts,
 *       reported to {@code campaign:accounts:<endpoint hash>}.</li>
 * </ul>
 * A campaign's finding is sent to the campaign's own actor as an {@link ActorInput}, where it opens one incident naming
 * the campaign's addresses. Sign-in attempts are a small share of the traffic, so one endpoint's attempts on one task
 * cost little; records written by builds that keyed them by fingerprint are read the same way (state keys come from
 * the attempt, not the record key).
 *
 * <p>State: {@link DetectionTopology#CAMPAIGNS_STORE} (changelogged): fingerprint groups under
 * {@link SignInAttempt#fingerprintKey()}, account-list state under {@value #LINKS} keys (per actor, per account digest,
 * one campaign per endpoint). Bounded: at most {@code maxCampaigns} fingerprint groups and {@code maxLinkEntries}
 * link entries per task (new keys past that are not tracked, counted as {@code full}); every {@value #SWEEP_MINUTES}
 * minutes of stream time entries idle for two windows are removed.
 */
final class CampaignProcessor implements Processor<String, SignInAttempt, String, ActorInput> {
    static final long SWEEP_MINUTES = 60;
    /** Prefix of the account-list keys; fingerprint group keys start with a hex digest, never with it. */
    static final String LINKS = "links|";

    private final StuffingCampaigns campaigns;
    private final AccountListLinks links;
    private final CampaignSettings settings;
    private final DetectionMetrics metrics;
    private final StoredJson<CampaignState> codec = new StoredJson<>(CampaignState.class);
    private final StoredJson<ActorTrail> trails = new StoredJson<>(ActorTrail.class);
    private final StoredJson<AccountTriers> triers = new StoredJson<>(AccountTriers.class);
    private ProcessorContext<String, ActorInput> context;
    private KeyValueStore<String, byte[]> store;
    private long entries;
    private long linkEntries;

    CampaignProcessor(CampaignSettings settings, DetectionMetrics metrics) {
        this.settings = settings;
        this.campaigns = new StuffingCampaigns(settings);
        this.links = new AccountListLinks(settings);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ActorInput> context) {
        this.context = context;
        this.store = context.getStateStore(DetectionTopology.CAMPAIGNS_STORE);
        // once per start: the two bounds count different keys of one store
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                if (all.next().key.startsWith(LINKS)) {
                    linkEntries++;
                } else {
                    entries++;
                }
            }
        }
        context.schedule(Duration.ofMinutes(SWEEP_MINUTES), PunctuationType.STREAM_TIME, this::sweep);
    }

    @Override
    public void process(Record<String, SignInAttempt> record) {
        SignInAttempt attempt = record.value();
        if (attempt == null || record.key() == null) {
            return;
        }
        forward(byFingerprint(attempt));
        forward(links.observe(attempt, new EndpointStates(LINKS + attempt.serviceKey() + '|' + attempt.template() + '|')));
    }

    private CampaignFinding byFingerprint(SignInAttempt attempt) {
        String key = attempt.fingerprintKey();
        byte[] stored = store.get(key);
        CampaignState state = stored == null ? null : codec.read(stored);
        if (stored != null && state == null) {
            metrics.keyedStateUnreadable(DetectionTopology.CAMPAIGNS_STORE);
        }
        if (state == null) {
            if (entries >= settings.maxCampaigns()) {
                metrics.keyedStateFull(DetectionTopology.CAMPAIGNS_STORE);
                return null;
            }
            state = new CampaignState();
            if (stored == null) {
                entries++;
            }
        }
        CampaignFinding finding = campaigns.observe(state, attempt);
        store.put(key, codec.write(state));
        return finding;
    }

    private void forward(CampaignFinding finding) {
        if (finding != null) {
            context.forward(new Record<>(finding.actorId(), new ActorInput(null, null, null, finding),
                    finding.timeMicros() / 1000));
        }
    }

    /** The account-list state of one endpoint in the store: keys under {@code prefix}, new ones within the bound. */
    private final class EndpointStates implements AccountListLinks.States {
        private final String prefix;

        EndpointStates(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public ActorTrail actor(String actorId) {
            return read(prefix + "actor|" + actorId, trails);
        }

        @Override
        public void putActor(String actorId, ActorTrail trail) {
            write(prefix + "actor|" + actorId, trails.write(trail));
        }

        @Override
        public AccountTriers account(String accountKey) {
            return read(prefix + "account|" + accountKey, triers);
        }

        @Override
        public void putAccount(String accountKey, AccountTriers value) {
            write(prefix + "account|" + accountKey, triers.write(value));
        }

        @Override
        public void removeAccount(String accountKey) {
            store.delete(prefix + "account|" + accountKey);
            linkEntries = Math.max(0, linkEntries - 1);
        }

        @Override
        public CampaignState campaign() {
            return read(prefix + "campaign", codec);
        }

        @Override
        public void putCampaign(CampaignState campaign) {
            write(prefix + "campaign", codec.write(campaign));
        }

        private <T> T read(String key, StoredJson<T> json) {
            byte[] stored = store.get(key);
            T value = stored == null ? null : json.read(stored);
            if (stored != null && value == null) {
                metrics.keyedStateUnreadable(DetectionTopology.CAMPAIGNS_STORE);
            }
            return value;
        }

        /** Writes a key; a new one only while the link entries are under their bound. */
        private void write(String key, byte[] value) {
            if (store.get(key) == null) {
                if (linkEntries >= settings.maxLinkEntries()) {
                    metrics.keyedStateFull(DetectionTopology.CAMPAIGNS_STORE);
                    return;
                }
                linkEntries++;
            }
            store.put(key, value);
        }
    }

    private void sweep(long streamTimeMillis) {
        long now = streamTimeMillis * 1000;
        List<String> idle = new ArrayList<>();
        long idleLinks = 0;
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                long last = lastSeen(kv.key, kv.value);
                if (last == Long.MIN_VALUE || now - last > 2 * settings.windowMicros()) {
                    idle.add(kv.key);
                    idleLinks += kv.key.startsWith(LINKS) ? 1 : 0;
                }
            }
        }
        idle.forEach(store::delete);
        linkEntries = Math.max(0, linkEntries - idleLinks);
        entries = Math.max(0, entries - (idle.size() - idleLinks));
        metrics.keyedStateEvicted(DetectionTopology.CAMPAIGNS_STORE, idle.size());
    }

    /** When a stored entry was last used; {@code Long.MIN_VALUE} when it cannot be read (removed). */
    private long lastSeen(String key, byte[] value) {
        if (!key.startsWith(LINKS)) {
            CampaignState s = codec.read(value);
            return s == null ? Long.MIN_VALUE : s.lastSeenMicros();
        }
        if (key.endsWith("|campaign")) {
            CampaignState s = codec.read(value);
            return s == null ? Long.MIN_VALUE : s.lastSeenMicros();
        }
        if (key.contains("|account|")) {
            AccountTriers t = triers.read(value);
            return t == null ? Long.MIN_VALUE : t.lastSeenMicros();
        }
        ActorTrail t = trails.read(value);
        return t == null ? Long.MIN_VALUE : t.lastSeenMicros();
    }
}
