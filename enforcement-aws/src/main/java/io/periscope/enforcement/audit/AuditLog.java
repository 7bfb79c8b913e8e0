package io.periscope.enforcement.audit;

import io.periscope.events.enforcement.AuditAction;
import io.periscope.events.enforcement.AuditEntry;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes every enforcement decision and AWS call to {@code periscope.enforcement-audit}, keyed by target. Sends are
 * asynchronous (an audit write never holds up a block); a failed send is counted
 * ({@code periscope.enforcement.audit.failed}), never silently dropped.
 */
public final class AuditLog implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonSerde<AuditEntry> serde = JsonSerde.of(AuditEntry.class);
    private final InstantSource clock;
    private final MeterRegistry meters;

    public AuditLog(Map<String, Object> clientProperties, InstantSource clock, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.clock = clock;
        this.meters = meters;
    }

    /** Records one entry; the actor is who decided ({@code detection}, {@code admin:<name>}, {@code reconciler}). */
    public AuditEntry record(AuditAction action, String target, String blockId, String incidentId, String actor,
                             String operation, String outcome, String detail) {
        AuditEntry entry = new AuditEntry(AuditEntry.SCHEMA_VERSION, UUID.randomUUID().toString(),
                EpochMicros.of(clock.instant()), action, target, blockId, incidentId, actor, operation, outcome, detail);
        byte[] key = target == null ? null : target.getBytes(StandardCharsets.UTF_8);
        meters.counter("periscope.enforcement.audit", "action", action.name()).increment();
        producer.send(new ProducerRecord<>(Topics.ENFORCEMENT_AUDIT, key, serde.serialize(Topics.ENFORCEMENT_AUDIT, entry)),
                (metadata, error) -> {
                    if (error != null) {
                        meters.counter("periscope.enforcement.audit.failed").increment();
                    }
                });
        return entry;
    }

    /** An AWS call and its outcome ({@code ok} or the error code). */
    public void awsCall(String resource, String operation, String outcome, String detail) {
        record(AuditAction.AWS_CALL, resource, null, null, "reconciler", operation, outcome, detail);
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
