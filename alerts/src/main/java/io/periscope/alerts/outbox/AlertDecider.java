package io.periscope.alerts.outbox;

import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.policy.AlertPolicy;
import io.periscope.alerts.policy.StormGuard;
import io.periscope.alerts.policy.VersionLedger;
import io.periscope.alerts.policy.WebhookIds;
import io.periscope.alerts.supervise.SupervisedLoop;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.TopicReader;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which alerts to send: reads incidents, catalog changes, posture findings and enforcement findings in its own
 * consumer group and writes one {@link OutboxEntry} per alert and destination to the outbox, in one Kafka transaction
 * with the consumed offsets. A decision is therefore made exactly once per input record, crash or not; what is decided
 * is then the delivery worker's to deliver.
 *
 * <p>One alert per incident version that opens, escalates, resolves or reopens it ({@link IncidentChange#UPDATED} is
 * never sent); a version already alerted is not alerted again ({@link VersionLedger}). Opened incidents beyond the
 * storm threshold of a minute are folded into one digest ({@link StormGuard}). A held incident is written to
 * {@code periscope.alert-digest-members} in the transaction of its offset, and the digest's outbox entries are written
 * with tombstones for its members in one transaction: so a held incident is always either on the members topic or in
 * the outbox. A decider assigned partitions of {@code periscope.incidents} (at start, after a crash of the previous
 * one, or in a rebalance) takes back the members of those partitions ({@link DigestMembers}) and sends their digest at
 * its window's end, with the same webhook id the crashed decider would have used. A clean close sends the digest at
 * once.
 */
public final class AlertDecider implements SupervisedLoop {
    public static final String GROUP_ID = "periscope-alerts-decider";
    private static final Logger LOG = LoggerFactory.getLogger(AlertDecider.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LEDGER_CAPACITY = 100_000;

    private final Supplier<Collection<Destination>> destinations;
    private final StormGuard storm;
    private final LongSupplier clock;
    private final VersionLedger incidentVersions = new VersionLedger(LEDGER_CAPACITY);
    private final VersionLedger findingsSeen = new VersionLedger(LEDGER_CAPACITY);
    private final TopicReader<Incident> incidents;
    private final TopicReader<CatalogChange> changes;
    private final TopicReader<PostureFinding> findings;
    private final TopicReader<EnforcementFinding> enforcement;
    private final VersionLedger enforcementSeen = new VersionLedger(LEDGER_CAPACITY);
    private final DigestMembers members;
    private final JsonSerde<OutboxEntry> outboxSerde = JsonSerde.of(OutboxEntry.class);
    private final JsonSerde<DigestMember> memberSerde = JsonSerde.of(DigestMember.class);
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong decided = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean halted;
    /** Set by the loop once the group assigned partitions and their positions are fixed. */
    private volatile boolean assigned;
    /** Why the loop ended without being asked to, or null: the role's health reports it. */
    private volatile String failure;

    public AlertDecider(Map<String, Object> clientProperties, Supplier<Collection<Destination>> destinations,
                        StormGuard storm, SkipCounter skips, LongSupplier clock) {
        this.destinations = destinations;
        this.storm = storm;
        this.clock = clock;
        this.incidents = TopicReader.of(Incident.class, Incident.SCHEMA_VERSION, skips, LOG).requiringKey();
        this.changes = TopicReader.of(CatalogChange.class, CatalogChange.SCHEMA_VERSION, skips, LOG);
        this.findings = TopicReader.of(PostureFinding.class, PostureFinding.SCHEMA_VERSION, skips, LOG);
        this.enforcement = TopicReader.of(EnforcementFinding.class, EnforcementFinding.SCHEMA_VERSION, skips, LOG);
        this.members = new DigestMembers(clientProperties, skips);
        Map<String, Object> c = new HashMap<>(clientProperties);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a new deployment alerts from now on, not about every incident of the past
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(clientProperties);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP_ID + "-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "alert-decider");
    }

    /**
     * Subscribes and starts deciding; returns once the group has assigned partitions (or after {@code timeout}), so
     * that records published after this returns are decided even on a topic read from "latest".
     */
    public AlertDecider start(Duration timeout) throws InterruptedException {
        producer.initTransactions();
        consumer.subscribe(List.of(Topics.INCIDENTS, Topics.CHANGES, Topics.FINDINGS, Topics.ENFORCEMENT_FINDINGS),
                new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // runs on the loop thread, inside poll: the storm guard is the loop's
                        storm.release(incidentPartitions(partitions));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        storm.restore(members.held(incidentPartitions(partitions)));
                    }
                });
        thread.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!assigned && !consumer.assignment().isEmpty()) {
                    // the position of every partition is fixed now: later records are ours
                    consumer.assignment().forEach(consumer::position);
                    commitStartingPositions(records);
                    assigned = true;
                }
                decide(records, false);
            }
            decide(ConsumerRecords.empty(), true);
        } catch (WakeupException e) {
            if (running && !halted) {
                failure = "woken up unexpectedly";
                LOG.error("alert decider woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.error("alert decider stopped: {}", e.getMessage(), e);
        } finally {
            producer.close(Duration.ofSeconds(5));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * A group without committed offsets starts at the end of its topics ("latest"). Its starting position is committed
     * at once, so that a decider which stops before deciding anything resumes there after its restart, instead of at
     * the end of that later moment, which would skip what arrived while no decider ran. Records this first poll
     * already returned are not yet decided: their partition's position is their first offset.
     */
    private void commitStartingPositions(ConsumerRecords<String, byte[]> polled) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            if (committed.get(tp) == null) {
                List<ConsumerRecord<String, byte[]>> first = polled.records(tp);
                start.put(tp, new OffsetAndMetadata(first.isEmpty() ? consumer.position(tp) : first.get(0).offset()));
            }
        }
        if (!start.isEmpty()) {
            producer.beginTransaction();
            producer.sendOffsetsToTransaction(start, consumer.groupMetadata());
            producer.commitTransaction();
        }
    }

    private static List<Integer> incidentPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(tp -> tp.topic().equals(Topics.INCIDENTS)).map(TopicPartition::partition).toList();
    }

    private void decide(ConsumerRecords<String, byte[]> records, boolean closing) {
        long now = clock.getAsLong();
        List<OutboxEntry> out = new ArrayList<>();
        List<DigestMember> held = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Collection<Destination> current = destinations.get();
        // a window that ended closes before this batch opens the next one
        digest(storm.flush(now), current, now, out, sent);
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            switch (r.topic()) {
                case Topics.INCIDENTS -> {
                    Incident i = incidents.read(r);
                    if (i != null) {
                        incident(i, r.partition(), current, now, out, held);
                    }
                }
                case Topics.ENFORCEMENT_FINDINGS -> {
                    EnforcementFinding f = enforcement.read(r);
                    // one alert per episode: the finding is written again after an enforcer restart
                    if (f != null && enforcementSeen.firstTime(f.id(), 1)) {
                        for (Destination d : AlertPolicy.forEnforcement(f, current)) {
                            out.add(new OutboxEntry(OutboxEntry.SCHEMA_VERSION, WebhookIds.enforcement(f.id()), d.id(),
                                    AlertKind.of(f.kind()), null, null, null, null, f, 0, now, now));
                        }
                    }
                }
                case Topics.CHANGES -> {
                    CatalogChange c = changes.read(r);
                    if (c != null) {
                        for (Destination d : AlertPolicy.forChange(c, current)) {
                            out.add(entry(WebhookIds.change(c.id()), d, AlertKind.CATALOG_CHANGE, null, c, null, null, now));
                        }
                    }
                }
                case Topics.FINDINGS -> {
                    PostureFinding f = findings.read(r);
                    // a finding is republished as its count grows: it is news once
                    if (f != null && findingsSeen.firstTime(f.id(), 1)) {
                        for (Destination d : AlertPolicy.forFinding(f, current)) {
                            out.add(entry(WebhookIds.finding(f.id()), d, AlertKind.POSTURE_FINDING, null, null, f, null, now));
                        }
                    }
                }
                default -> { }
            }
        }
        digest(storm.flush(now, closing), current, now, out, sent);
        if (out.isEmpty() && offsets.isEmpty() && sent.isEmpty()) {
            return;
        }
        producer.beginTransaction();
        for (OutboxEntry e : out) {
            producer.send(new ProducerRecord<>(Topics.ALERT_OUTBOX, e.destinationId(),
                    outboxSerde.serialize(Topics.ALERT_OUTBOX, e)));
        }
        for (DigestMember m : held) {
            producer.send(new ProducerRecord<>(Topics.ALERT_DIGEST_MEMBERS, m.key(),
                    memberSerde.serialize(Topics.ALERT_DIGEST_MEMBERS, m)));
        }
        for (String key : sent) {
            // in the digest's transaction: a member is either still held on the topic or in the outbox
            producer.send(new ProducerRecord<>(Topics.ALERT_DIGEST_MEMBERS, key, null));
        }
        if (!offsets.isEmpty()) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        }
        producer.commitTransaction();
        decided.addAndGet(out.size());
    }

    private void incident(Incident incident, int partition, Collection<Destination> current, long now,
                          List<OutboxEntry> out, List<DigestMember> held) {
        AlertKind kind = AlertKind.of(incident.change());
        if (kind == null || !incidentVersions.firstTime(incident.id(), incident.version())) {
            return;
        }
        IncidentSummary summary = IncidentSummary.of(incident);
        List<Destination> targets = AlertPolicy.forIncident(summary, current);
        if (targets.isEmpty()) {
            return;
        }
        if (incident.change() == IncidentChange.OPENED) {
            StormGuard.Admission admission = storm.admit(summary, partition, now);
            if (!admission.alertNow()) {
                if (admission.member() != null) {
                    held.add(admission.member());
                }
                return;
            }
        }
        for (Destination d : targets) {
            out.add(entry(WebhookIds.incident(incident.id(), incident.version()), d, kind, summary, null, null, null, now));
        }
    }

    /** Adds the digest's entries to {@code out} and its members' keys to {@code sent}; nothing when it is null. */
    private void digest(StormGuard.Digest digest, Collection<Destination> current, long now, List<OutboxEntry> out,
                        List<String> sent) {
        if (digest == null) {
            return;
        }
        digest.members().forEach(m -> sent.add(m.key()));
        Map<String, List<IncidentSummary>> perDestination = new HashMap<>();
        Map<String, Destination> byId = new HashMap<>();
        for (IncidentSummary i : digest.incidents()) {
            for (Destination d : AlertPolicy.forIncident(i, current)) {
                perDestination.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(i);
                byId.put(d.id(), d);
            }
        }
        String id = WebhookIds.digest(digest.windowStartMillis(), digest.incidents().get(0).id());
        perDestination.forEach((destId, list) ->
                out.add(entry(id, byId.get(destId), AlertKind.INCIDENT_DIGEST, null, null, null, list, now)));
    }

    private static OutboxEntry entry(String webhookId, Destination d, AlertKind kind, IncidentSummary incident,
                                     CatalogChange change, PostureFinding finding, List<IncidentSummary> digest, long now) {
        return new OutboxEntry(OutboxEntry.SCHEMA_VERSION, webhookId, d.id(), kind, incident, change, finding, digest, null,
                0, now, now);
    }

    /** Alerts written to the outbox since start. */
    public long decided() {
        return decided.get();
    }

    /**
     * Why deciding stopped without a stop being asked for (the alerts decided so far are committed; newer incidents
     * wait on their topics until a restart), or null while the loop runs or after {@link #close()}.
     */
    @Override
    public String failure() {
        return failure;
    }

    /**
     * Stops at once, as a crash would: the loop is woken out of its poll and ends without the closing flush, so what
     * is held for a digest stays only where the last committed transaction put it. For tests that prove the members
     * topic, and for a stop that must not send anything more.
     */
    public void halt() throws InterruptedException {
        halted = true;
        consumer.wakeup();
        thread.join(15_000);
        running = false;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(15_000);
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(10_000);
        }
    }
}
