package io.periscope.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.alerts.delivery.Attempt;
import io.periscope.alerts.delivery.DeadLetter;
import io.periscope.alerts.delivery.DeliveryRecord;
import io.periscope.alerts.delivery.DeliveryResult;
import io.periscope.alerts.delivery.DeliverySettings;
import io.periscope.alerts.delivery.RetryPolicy;
import io.periscope.alerts.delivery.TrustStore;
import io.periscope.alerts.destination.AlertFormat;
import io.periscope.alerts.destination.Destination;
import io.periscope.alerts.destination.DestinationDraft;
import io.periscope.alerts.destination.DestinationStore;
import io.periscope.alerts.destination.EventSelection;
import io.periscope.alerts.outbox.DigestMembers;
import io.periscope.alerts.safety.Cidr;
import io.periscope.alerts.outbox.AlertDecider;
import io.periscope.alerts.outbox.OutboxEntry;
import io.periscope.alerts.policy.StormGuard;
import io.periscope.alerts.supervise.LoopSupervisor;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.EndpointTouch;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.enforcement.EnforcementFindingKind;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerting stage against a real broker and real HTTP receivers: incidents are published to
 * {@code periscope.incidents} by the test, alerts must arrive signed, once per alert-worthy version, through failures,
 * 429s and a restart of the stage. Each test limits its destinations to a service of its own, so the destinations of
 * other tests (still on the compacted topic) never match its incidents.
 */
class AlertingIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;
    static EmbeddedKafkaBroker broker;
    static KafkaProducer<String, Incident> incidents;
    static TopicTailRecorder<DeliveryRecord> deliveries;
    static TopicTailRecorder<DeadLetter> deadLetters;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final String service = "prod|svc-" + UUID.randomUUID() + ".example.test";

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(tmp.resolve("kafka"), "127.0.0.1", 0);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.defaults().stream().map(s -> s.withPartitions(2)).toList());
        }
        incidents = new KafkaProducer<>(Map.copyOf(broker.clientProperties()), new StringSerializer(), JsonSerde.of(Incident.class));
        deliveries = new TopicTailRecorder<>(broker.clientProperties(), Topics.ALERT_DELIVERIES, DeliveryRecord.class);
        deadLetters = new TopicTailRecorder<>(broker.clientProperties(), Topics.ALERT_DEAD_LETTERS, DeadLetter.class);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        deliveries.close();
        deadLetters.close();
        incidents.close();
        broker.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    static AlertsConfig config(List<Cidr> allowed, int digestThreshold) {
        byte[] key = new byte[32];
        key[0] = 7;
        return new AlertsConfig("https://periscope.example.test", true, allowed, key, Duration.ofHours(1),
                digestThreshold, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2), 1024,
                new DeliverySettings(4, 1000, 50, Duration.ofMillis(200), Duration.ofSeconds(1),
                        new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(5))),
                List.of());
    }

    private Alerting alerting(AlertsConfig config) throws InterruptedException {
        Alerting a = new Alerting(broker.clientProperties(), config, new SimpleMeterRegistry(), (t, r) -> { },
                System::currentTimeMillis);
        closing.add(a);
        return a.startStore().startDelivery();
    }

    @Test
    void aDeciderThatStopsOnAnUnexpectedErrorSaysWhyInsteadOfLookingHealthy() throws Exception {
        AlertDecider decider = new AlertDecider(broker.clientProperties(), () -> {
            throw new IllegalStateException("destination store unreadable");
        }, new StormGuard(10, 60_000), (t, r) -> { }, System::currentTimeMillis);
        closing.add(decider::close);
        assertThat(decider.failure()).isNull();
        decider.start(WAIT);
        await().atMost(WAIT).until(() -> decider.failure() != null);
        assertThat(decider.failure()).isEqualTo("IllegalStateException: destination store unreadable");
    }

    @Test
    void aDeciderThatFailsIsRestartedAndDecidesOnceWhatArrivedWhileItWasDown() throws Exception {
        Alerting a = new Alerting(broker.clientProperties(), config(List.of(Cidr.parse("127.0.0.0/8")), 100),
                new SimpleMeterRegistry(), (t, r) -> { }, System::currentTimeMillis).startStore();
        closing.add(a);
        destination(a, "http://127.0.0.1:9/hook", true);
        AtomicBoolean unreadable = new AtomicBoolean();
        LoopSupervisor<AlertDecider> supervisor = new LoopSupervisor<AlertDecider>("decider",
                () -> new AlertDecider(broker.clientProperties(), () -> {
                    if (unreadable.get()) {
                        throw new IllegalStateException("destination store unreadable");
                    }
                    return a.destinations().all();
                }, new StormGuard(100, 60_000), (t, r) -> { }, System::currentTimeMillis).start(WAIT),
                failed -> { }, System::nanoTime).start();
        closing.add(supervisor::close);
        TopicTailRecorder<OutboxEntry> outbox = new TopicTailRecorder<>(broker.clientProperties(), Topics.ALERT_OUTBOX,
                OutboxEntry.class);
        closing.add(outbox);
        String before = "inc-" + UUID.randomUUID();
        String during = "inc-" + UUID.randomUUID();
        publish(incident(before, 1, IncidentChange.OPENED));
        await().atMost(WAIT).until(() -> decidedFor(outbox, before) == 1);

        unreadable.set(true);
        await().atMost(WAIT).until(() -> supervisor.current().failure() != null);
        supervisor.check();
        assertThat(supervisor.failure()).isEqualTo("IllegalStateException: destination store unreadable");
        publish(incident(during, 1, IncidentChange.OPENED));
        unreadable.set(false);
        await().atMost(WAIT).until(() -> {
            supervisor.check();
            return supervisor.restarts() == 1;
        });

        assertThat(supervisor.failure()).isNull();
        await().atMost(WAIT).until(() -> decidedFor(outbox, during) == 1);
        Thread.sleep(1000); // nothing may be decided twice
        assertThat(decidedFor(outbox, before)).as("decided before the failure, not again").isEqualTo(1);
        assertThat(decidedFor(outbox, during)).as("published while no decider ran, decided once").isEqualTo(1);
    }

    @Test
    void aNewDeciderThatStopsBeforeItsFirstIncidentMissesNothingPublishedBeforeItsRestart() throws Exception {
        // a group without committed offsets, as on a new deployment (the other tests' deciders are closed)
        try (Admin admin = Admin.create(broker.clientProperties())) {
            admin.deleteConsumerGroups(List.of(AlertDecider.GROUP_ID)).all().get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(GroupIdNotFoundException.class);
        }
        Alerting a = new Alerting(broker.clientProperties(), config(List.of(Cidr.parse("127.0.0.0/8")), 100),
                new SimpleMeterRegistry(), (t, r) -> { }, System::currentTimeMillis).startStore();
        closing.add(a);
        destination(a, "http://127.0.0.1:9/hook", true);
        TopicTailRecorder<OutboxEntry> outbox = new TopicTailRecorder<>(broker.clientProperties(), Topics.ALERT_OUTBOX,
                OutboxEntry.class);
        closing.add(outbox);

        AlertDecider first = new AlertDecider(broker.clientProperties(), a.destinations()::all,
                new StormGuard(100, 60_000), (t, r) -> { }, System::currentTimeMillis).start(WAIT);
        first.halt(); // stops as a crash would, before it decided anything
        String id = "inc-" + UUID.randomUUID();
        publish(incident(id, 1, IncidentChange.OPENED));
        AlertDecider second = new AlertDecider(broker.clientProperties(), a.destinations()::all,
                new StormGuard(100, 60_000), (t, r) -> { }, System::currentTimeMillis).start(WAIT);
        closing.add(second::close);

        await().atMost(WAIT).until(() -> decidedFor(outbox, id) == 1);
    }

    private static long decidedFor(TopicTailRecorder<OutboxEntry> outbox, String incident) {
        return outbox.values().stream().filter(e -> e.webhookId().equals("msg_inc_" + incident + "_v1")).count();
    }

    private Receiver receiver() throws Exception {
        Receiver r = Receiver.start();
        closing.add(r);
        return r;
    }

    private DestinationStore.Created destination(Alerting a, String url, boolean enabled) throws InterruptedException {
        return a.destinations().create(new DestinationDraft("test " + url, url, AlertFormat.PERISCOPE_JSON,
                EventSelection.incidentsOnly(), Severity.LOW, List.of(service), enabled, Map.of("X-Team", "sec"), null),
                System.currentTimeMillis());
    }

    private Incident incident(String id, long version, IncidentChange change) {
        long now = System.currentTimeMillis() * 1000;
        return new Incident(Incident.SCHEMA_VERSION, id, version, change,
                change == IncidentChange.RESOLVED ? IncidentStatus.RESOLVED : IncidentStatus.OPEN,
                new Actor("actor-1", List.of(new ActorAddress("203.0.113.7", ClientIpSource.PEER, 12)), List.of(),
                        List.of("mallory"), false),
                List.of("SQL_INJECTION"), Severity.HIGH, 0.9, Outcome.ATTEMPTED, Verdict.MONITOR, "payloads in id",
                now - 1000, now, 12, 3, List.of(new EndpointTouch(service, "e1", "GET", "/users/{id}", 12)), List.of(),
                List.of(), now);
    }

    private void publish(Incident... list) throws Exception {
        for (Incident i : list) {
            incidents.send(new ProducerRecord<>(Topics.INCIDENTS, i.key(), i)).get();
        }
    }

    private static boolean verifies(String secret, Receiver.Request r) {
        return StandardWebhooksVerifier.verify(secret, r.header("webhook-id"), r.header("webhook-timestamp"),
                r.header("webhook-signature"), r.body());
    }

    @Test
    void oneSignedAlertPerAlertWorthyVersionAndNothingForADisabledDestination() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver on = receiver();
        Receiver off = receiver();
        DestinationStore.Created created = destination(a, on.url(), true);
        destination(a, off.url(), false);

        String id = "inc-" + UUID.randomUUID();
        publish(incident(id, 1, IncidentChange.OPENED), incident(id, 2, IncidentChange.UPDATED),
                incident(id, 3, IncidentChange.ESCALATED), incident(id, 3, IncidentChange.ESCALATED),
                incident(id, 4, IncidentChange.RESOLVED));

        await().atMost(WAIT).until(() -> on.requests().size() >= 3);
        Thread.sleep(1000); // nothing more may come: the update and the repeated version are not alerts
        List<Receiver.Request> got = on.requests();
        assertThat(got).extracting(r -> r.header("webhook-id")).containsExactlyInAnyOrder(
                "msg_inc_" + id + "_v1", "msg_inc_" + id + "_v3", "msg_inc_" + id + "_v4");
        assertThat(got).allSatisfy(r -> {
            assertThat(verifies(created.secret(), r)).as("signature verifies").isTrue();
            assertThat(r.header("x-team")).isEqualTo("sec");
            assertThat(r.bodyText()).contains("https://periscope.example.test/#/incidents/" + id);
        });
        assertThat(off.requests()).as("a disabled destination receives nothing").isEmpty();
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheAlertWithTheSameWebhookIdEveryTime() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver flaky = receiver().then(500).then(503).then(408);
        DestinationStore.Created created = destination(a, flaky.url(), true);

        String id = "inc-" + UUID.randomUUID();
        publish(incident(id, 1, IncidentChange.OPENED));

        await().atMost(WAIT).until(() -> flaky.requests().size() >= 4);
        List<Receiver.Request> got = flaky.requests();
        assertThat(got).hasSize(4);
        assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly("msg_inc_" + id + "_v1");
        assertThat(got).allSatisfy(r -> assertThat(verifies(created.secret(), r)).isTrue());
        await().atMost(WAIT).untilAsserted(() -> assertThat(deliveries.values()).filteredOn(d ->
                d.webhookId().equals("msg_inc_" + id + "_v1")).extracting(DeliveryRecord::result)
                .containsExactly(DeliveryResult.RETRY, DeliveryResult.RETRY, DeliveryResult.RETRY, DeliveryResult.DELIVERED));
    }

    @Test
    void a429WithRetryAfterIsTriedAgainNoSoonerThanItSays() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver busy = receiver().then(429, Map.of("Retry-After", "2"));
        destination(a, busy.url(), true);

        publish(incident("inc-" + UUID.randomUUID(), 1, IncidentChange.OPENED));

        await().atMost(WAIT).until(() -> busy.requests().size() >= 2);
        List<Receiver.Request> got = busy.requests();
        assertThat(got.get(1).atMillis() - got.get(0).atMillis()).isGreaterThanOrEqualTo(1900);
        assertThat(got.get(1).header("webhook-id")).isEqualTo(got.get(0).header("webhook-id"));
    }

    @Test
    void aReceiverDownAcrossARestartOfTheStageGetsEveryAlertOnceItIsBack() throws Exception {
        AlertsConfig config = config(List.of(Cidr.parse("127.0.0.0/8")), 100);
        Alerting a = alerting(config);
        Receiver probe = Receiver.start();
        int port = probe.port();
        probe.close(); // nothing listens on the port: connections are refused
        DestinationStore.Created created = destination(a, "http://127.0.0.1:" + port + "/hook", true);
        String destinationId = created.destination().id();

        List<String> ids = List.of("inc-" + UUID.randomUUID(), "inc-" + UUID.randomUUID());
        publish(incident(ids.get(0), 1, IncidentChange.OPENED), incident(ids.get(1), 1, IncidentChange.OPENED));
        await().atMost(WAIT).until(() -> deliveries.values().stream().filter(d -> d.destinationId().equals(destinationId)
                && d.result() == DeliveryResult.RETRY).count() >= 2);

        a.stopDelivery();
        Receiver back = Receiver.startOn(port);
        closing.add(back);
        a.startDelivery();

        await().atMost(WAIT).until(() -> back.requests().size() >= 2);
        Thread.sleep(1000);
        assertThat(back.requests()).extracting(r -> r.header("webhook-id")).containsExactlyInAnyOrder(
                "msg_inc_" + ids.get(0) + "_v1", "msg_inc_" + ids.get(1) + "_v1");
        assertThat(back.requests()).allSatisfy(r -> assertThat(verifies(created.secret(), r)).isTrue());
    }

    @Test
    void aCleanRestartSendsNothingTwice() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver r = receiver();
        destination(a, r.url(), true);
        String first = "inc-" + UUID.randomUUID();
        publish(incident(first, 1, IncidentChange.OPENED));
        await().atMost(WAIT).until(() -> r.requests().size() >= 1);

        a.stopDelivery();
        a.startDelivery();
        String second = "inc-" + UUID.randomUUID();
        publish(incident(second, 1, IncidentChange.OPENED));
        await().atMost(WAIT).until(() -> r.requests().size() >= 2);
        Thread.sleep(1500);
        assertThat(r.requests()).extracting(q -> q.header("webhook-id"))
                .containsExactly("msg_inc_" + first + "_v1", "msg_inc_" + second + "_v1");
    }

    @Test
    void aLoopbackUrlIsRefusedAndDeadLetteredUnlessAllowlisted() throws Exception {
        Alerting a = alerting(config(List.of(), 100));
        Receiver r = receiver();
        DestinationStore.Created created = destination(a, r.url(), true);

        Attempt test = a.test(created.destination());
        assertThat(test.result()).isEqualTo(DeliveryResult.REFUSED);
        publish(incident("inc-" + UUID.randomUUID(), 1, IncidentChange.OPENED));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.values()).anySatisfy(d -> {
            assertThat(d.entry().destinationId()).isEqualTo(created.destination().id());
            assertThat(d.result()).isEqualTo(DeliveryResult.REFUSED);
        }));
        assertThat(r.requests()).isEmpty();
    }

    @Test
    void aRotatedSecretSignsAlongsideTheNewOneDuringItsGracePeriod() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver r = receiver();
        DestinationStore.Created created = destination(a, r.url(), true);
        DestinationStore.Created rotated = a.destinations().rotate(created.destination().id(), System.currentTimeMillis())
                .orElseThrow();
        Destination current = a.destinations().get(created.destination().id()).orElseThrow();

        Attempt test = a.test(current);

        assertThat(test.result()).isEqualTo(DeliveryResult.DELIVERED);
        assertThat(test.answer().body()).isEqualTo("answer 200");
        Receiver.Request got = r.requests().get(0);
        assertThat(got.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(verifies(created.secret(), got)).as("the old secret still verifies").isTrue();
        assertThat(verifies(rotated.secret(), got)).as("the new secret verifies").isTrue();
        assertThat(rotated.secret()).isNotEqualTo(created.secret());
    }

    @Test
    void moreOpenedIncidentsThanTheThresholdInAMinuteArriveAsOneDigest() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 2));
        Receiver r = receiver();
        destination(a, r.url(), true);
        List<Incident> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(incident("inc-" + UUID.randomUUID(), 1, IncidentChange.OPENED));
        }
        publish(burst.toArray(Incident[]::new));

        await().atMost(WAIT).until(() -> r.requests().size() >= 3);
        Thread.sleep(1000);
        List<Receiver.Request> got = r.requests();
        assertThat(got).hasSize(3);
        assertThat(got.get(2).header("webhook-id")).startsWith("msg_dig_");
        assertThat(got.get(2).bodyText()).contains("\"type\":\"incident.digest\"")
                .contains(burst.get(2).id()).contains(burst.get(3).id()).contains(burst.get(4).id());
    }

    @Test
    void aDigestDecidedBeforeACrashArrivesOnceWithEveryMemberAfterTheRestart() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 2));
        Receiver r = receiver();
        destination(a, r.url(), true);
        DigestMembers members = new DigestMembers(broker.clientProperties(), (t, reason) -> { });
        List<Incident> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(incident("inc-" + UUID.randomUUID(), 1, IncidentChange.OPENED));
        }
        publish(burst.toArray(Incident[]::new));
        List<String> heldIds = burst.subList(2, 5).stream().map(Incident::id).toList();
        await().atMost(WAIT).until(() -> members.held(List.of(0, 1)).stream()
                .map(m -> m.incident().id()).toList().containsAll(heldIds));

        a.haltDecider(); // inside the window: nothing held is flushed, as in a crash
        a.startDelivery();

        await().atMost(WAIT).until(() -> r.requests().stream().anyMatch(q -> q.header("webhook-id").startsWith("msg_dig_")));
        Thread.sleep(1500);
        List<Receiver.Request> digests = r.requests().stream()
                .filter(q -> q.header("webhook-id").startsWith("msg_dig_")).toList();
        assertThat(digests).as("one digest").hasSize(1);
        assertThat(digests.get(0).bodyText()).contains(heldIds.get(0)).contains(heldIds.get(1)).contains(heldIds.get(2));
        assertThat(r.requests()).as("two alone, then the digest").hasSize(3);
        assertThat(members.held(List.of(0, 1))).extracting(m -> m.incident().id()).doesNotContainAnyElementsOf(heldIds);

        a.stopDelivery();
        a.startDelivery();
        Thread.sleep(4000); // longer than the window: a digest restored again would go out now
        assertThat(r.requests()).as("nothing again after a clean restart").hasSize(3);
    }

    @Test
    void anEnforcementFindingIsAlertedOncePerEpisodeToTheDestinationsThatSelectIt() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver on = receiver();
        Receiver optedOut = receiver();
        DestinationStore.Created created = a.destinations().create(new DestinationDraft("enforcement", on.url(),
                AlertFormat.PERISCOPE_JSON, new EventSelection(Set.of(), Set.of(), Set.of(),
                        Set.of(EnforcementFindingKind.CAP_REACHED, EnforcementFindingKind.BLOCK_NOT_EFFECTIVE)),
                Severity.HIGH, List.of(service), true, Map.of(), null), System.currentTimeMillis());
        destination(a, optedOut.url(), true); // incidents only
        String id = "cap-per-hour-" + UUID.randomUUID();
        EnforcementFinding cap = new EnforcementFinding(EnforcementFinding.SCHEMA_VERSION, id,
                EnforcementFindingKind.CAP_REACHED, System.currentTimeMillis() * 1000, Severity.HIGH, "203.0.113.3/32",
                null, "inc-3", "cap of 2 automatic blocks per hour reached");
        try (KafkaProducer<String, EnforcementFinding> findings = new KafkaProducer<>(Map.copyOf(broker.clientProperties()),
                new StringSerializer(), JsonSerde.of(EnforcementFinding.class))) {
            findings.send(new ProducerRecord<>(Topics.ENFORCEMENT_FINDINGS, id, cap)).get();
            findings.send(new ProducerRecord<>(Topics.ENFORCEMENT_FINDINGS, id, cap)).get(); // written again after a restart
        }

        await().atMost(WAIT).until(() -> on.requests().size() >= 1);
        Thread.sleep(1000);
        assertThat(on.requests()).hasSize(1);
        Receiver.Request got = on.requests().get(0);
        assertThat(got.header("webhook-id")).isEqualTo("msg_enf_" + id);
        assertThat(verifies(created.secret(), got)).isTrue();
        assertThat(got.bodyText()).contains("\"type\":\"enforcement.cap_reached\"").contains("Auto-blocking stopped");
        assertThat(optedOut.requests()).isEmpty();
    }

    @Test
    void anHttpsReceiverBehindAPrivateCaIsRefusedUntilItsCaIsTrustedThenGetsThePendingAlertSigned() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp, "receiver-" + UUID.randomUUID());
        Receiver https = Receiver.startHttps(cert.serverContext());
        closing.add(https);
        Alerting untrusting = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        DestinationStore.Created created = destination(untrusting, https.url(), true);
        String id = "inc-" + UUID.randomUUID();
        publish(incident(id, 1, IncidentChange.OPENED));

        DeliveryRecord refused = await().atMost(WAIT).until(() -> deliveries.values().stream()
                .filter(d -> d.destinationId().equals(created.destination().id())).findFirst().orElse(null), d -> d != null);
        assertThat(refused.result()).isEqualTo(DeliveryResult.RETRY);
        assertThat(refused.error()).startsWith("TLS handshake failed: the receiver's certificate is not trusted")
                .contains("periscope.alerts.trust-store");
        assertThat(https.requests()).as("no request over an untrusted connection").isEmpty();

        untrusting.stopDelivery(); // the admin adds the CA and restarts
        AlertsConfig base = config(List.of(Cidr.parse("127.0.0.0/8")), 100);
        AlertsConfig trusting = new AlertsConfig(base.externalBaseUrl(), false, base.allowedCidrs(), base.secretKey(),
                base.rotationGrace(), base.digestThreshold(), base.digestWindow(), base.connectTimeout(),
                base.readTimeout(), base.maxResponseBytes(), base.delivery(), base.declared(),
                new TrustStore(cert.pem(), null));
        alerting(trusting);

        await().atMost(WAIT).until(() -> !https.requests().isEmpty());
        Receiver.Request got = https.requests().get(0);
        assertThat(got.header("webhook-id")).isEqualTo("msg_inc_" + id + "_v1");
        assertThat(verifies(created.secret(), got)).as("signature verifies").isTrue();
    }

    @Test
    void aPkcs12TrustStoreIsReadAsWellAsPem() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(tmp, "receiver-" + UUID.randomUUID());
        Receiver https = Receiver.startHttps(cert.serverContext());
        closing.add(https);
        AlertsConfig base = config(List.of(Cidr.parse("127.0.0.0/8")), 100);
        Alerting a = new Alerting(broker.clientProperties(), new AlertsConfig(base.externalBaseUrl(), false,
                base.allowedCidrs(), base.secretKey(), base.rotationGrace(), base.digestThreshold(), base.digestWindow(),
                base.connectTimeout(), base.readTimeout(), base.maxResponseBytes(), base.delivery(), base.declared(),
                new TrustStore(cert.keyStore(), SelfSignedCertificate.PASSWORD)), new SimpleMeterRegistry(),
                (t, r) -> { }, System::currentTimeMillis);
        closing.add(a);
        a.startStore();
        DestinationStore.Created created = destination(a, https.url(), true);

        Attempt test = a.test(created.destination());

        assertThat(test.result()).as(String.valueOf(test.error())).isEqualTo(DeliveryResult.DELIVERED);
        assertThat(verifies(created.secret(), https.requests().get(0))).isTrue();
    }

    @Test
    void anIncidentReachesASlackAndAnOcsfReceiverInTheirFormats() throws Exception {
        Alerting a = alerting(config(List.of(Cidr.parse("127.0.0.0/8")), 100));
        Receiver slack = receiver();
        Receiver siem = receiver();
        for (Object[] d : new Object[][] {{slack, AlertFormat.SLACK}, {siem, AlertFormat.OCSF}}) {
            a.destinations().create(new DestinationDraft("to " + d[1], ((Receiver) d[0]).url(), (AlertFormat) d[1],
                    EventSelection.incidentsOnly(), Severity.MEDIUM, List.of(service), true, Map.of(), null),
                    System.currentTimeMillis());
        }
        String id = "inc-" + UUID.randomUUID();
        publish(incident(id, 1, IncidentChange.OPENED));

        await().atMost(WAIT).until(() -> slack.requests().size() >= 1 && siem.requests().size() >= 1);
        com.fasterxml.jackson.databind.JsonNode message = io.periscope.events.kafka.EventJson.mapper()
                .readTree(slack.requests().get(0).body());
        assertThat(message.at("/blocks/0/type").asText()).isEqualTo("header");
        assertThat(message.at("/blocks/1/fields").toString()).contains("203.0.113.7").contains("SQL_INJECTION")
                .contains("GET /users/{id}").contains("HIGH");
        com.fasterxml.jackson.databind.JsonNode finding = io.periscope.events.kafka.EventJson.mapper()
                .readTree(siem.requests().get(0).body());
        assertThat(finding.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(finding.at("/finding_info/uid").asText()).isEqualTo(id);
        assertThat(finding.at("/src_endpoint/ip").asText()).isEqualTo("203.0.113.7");
    }

    /** Everything written to a topic while the test runs, decoded. */
    static final class TopicTailRecorder<T extends io.periscope.events.Versioned> implements AutoCloseable {
        private final List<T> values = new CopyOnWriteArrayList<>();
        private final io.periscope.events.kafka.TopicTail tail;

        TopicTailRecorder(Map<String, Object> props, String topic, Class<T> type) {
            JsonSerde<T> serde = JsonSerde.of(type);
            tail = new io.periscope.events.kafka.TopicTail(props, List.of(topic), "test-" + topic,
                    r -> values.add(serde.deserialize(topic, r.value()))).start();
        }

        List<T> values() {
            return new ArrayList<>(values);
        }

        @Override
        public void close() throws InterruptedException {
            tail.close();
        }
    }
}
