package io.periscope.enforcement;

import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.events.detection.Actor;
import io.periscope.events.detection.ActorAddress;
import io.periscope.events.detection.Incident;
import io.periscope.events.detection.IncidentChange;
import io.periscope.events.detection.IncidentStatus;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Verdict;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.TopicTail;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.TopicProvisioner;
import io.periscope.events.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** One embedded broker with every topic, for a test class; and the records tests publish on it. */
public final class Broker implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<EnforcementFinding> findings = new CopyOnWriteArrayList<>();
    private final TopicTail findingsTail;

    public Broker() throws Exception {
        Path dir = Files.createTempDirectory("enforcement-broker");
        broker = EmbeddedKafkaBroker.start(dir, "127.0.0.1", 0);
        try (Admin admin = Admin.create(broker.clientProperties())) {
            new TopicProvisioner(admin, Duration.ofSeconds(30)).ensure(Topics.defaults().stream()
                    .map(s -> new io.periscope.events.kafka.TopicSpec(s.name(), Math.min(s.partitions(), 2), (short) 1,
                            s.configs())).toList());
        }
        producer = new KafkaProducer<>(broker.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        JsonSerde<EnforcementFinding> serde = JsonSerde.of(EnforcementFinding.class);
        findingsTail = new TopicTail(broker.clientProperties(), List.of(Topics.ENFORCEMENT_FINDINGS), "test-findings",
                r -> findings.add(serde.deserialize(r.topic(), r.value()))).start();
    }

    /** Every record written to {@code periscope.enforcement-findings} so far, in order. */
    public List<EnforcementFinding> findings() {
        return List.copyOf(findings);
    }

    public Map<String, Object> client() {
        return broker.clientProperties();
    }

    public void publish(Incident incident) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INCIDENTS, incident.key().getBytes(StandardCharsets.UTF_8),
                JsonSerde.of(Incident.class).serialize(Topics.INCIDENTS, incident))).get();
    }

    public void publish(HttpExchange exchange) throws Exception {
        producer.send(new ProducerRecord<>(Topics.EXCHANGES, exchange.id().getBytes(StandardCharsets.UTF_8),
                JsonSerde.of(HttpExchange.class).serialize(Topics.EXCHANGES, exchange))).get();
    }

    /** An open incident of one actor with the given verdict, severity and addresses. */
    public static Incident incident(String id, Verdict verdict, Severity severity, List<ActorAddress> addresses,
                                    List<String> credentials) {
        return new Incident(Incident.SCHEMA_VERSION, id, 1, IncidentChange.OPENED, IncidentStatus.OPEN,
                new Actor("actor-" + id, addresses, credentials, List.of(), false), List.of("SQL_INJECTION"),
                severity, 0.95, Outcome.LIKELY_SUCCESS, verdict, "SQL injection answered with a database error",
                1_000, 2_000, 40, 12, List.of(), List.of(), List.of(), 2_000);
    }

    @Override
    public void close() {
        try {
            findingsTail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        broker.close();
    }
}
