package io.periscope.enforcement.finding;

import io.periscope.events.detection.Severity;
import io.periscope.events.enforcement.EnforcementFinding;
import io.periscope.events.enforcement.EnforcementFindingKind;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raises what enforcement wants a person to know as {@link EnforcementFinding}s on
 * {@code periscope.enforcement-findings}, which the alerting stage reads as it reads incidents: enforcement knows
 * nothing of destinations or formats, alerting nothing of blocks. One finding per episode: its id is derived from
 * the episode (the cap and the clock hour, the block), so the same episode raised again (the next capped incident, a
 * restart) carries the same id, and alerting sends it once. Ids written by this process are remembered (bounded) so
 * the topic gets one record per episode, not one per capped incident.
 *
 * <p>Sends are asynchronous, {@code acks=all} and idempotent; a failed send is counted
 * ({@code periscope.enforcement.findings.failed}) and forgotten, so the next occurrence of the episode tries again.
 */
public final class FindingLog implements AutoCloseable {
    private static final int REMEMBERED = 10_000;
    private static final long HOUR_SECONDS = Duration.ofHours(1).toSeconds();

    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonSerde<EnforcementFinding> serde = JsonSerde.of(EnforcementFinding.class);
    private final InstantSource clock;
    private final MeterRegistry meters;
    private final Map<String, Boolean> written = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    public FindingLog(Map<String, Object> clientProperties, InstantSource clock, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A cap stopped auto-blocking. One finding per cap and clock hour, however many incidents it turns away.
     *
     * @param cap    {@code per-hour} or {@code total}
     * @param target the first address or key the cap turned away in this episode
     */
    public void capReached(String cap, String target, String incidentId, String detail) {
        long hourStart = clock.instant().getEpochSecond() / HOUR_SECONDS * HOUR_SECONDS;
        raise("cap-" + cap + "-" + hourStart, EnforcementFindingKind.CAP_REACHED, target, null, incidentId, detail);
    }

    /** A block is applied and the blocked address still reaches the application. One finding per block. */
    public void blockNotEffective(String target, String blockId, String incidentId, String detail) {
        raise("ineffective-" + blockId, EnforcementFindingKind.BLOCK_NOT_EFFECTIVE, target, blockId, incidentId, detail);
    }

    private void raise(String id, EnforcementFindingKind kind, String target, String blockId, String incidentId,
                       String detail) {
        synchronized (written) {
            if (written.putIfAbsent(id, Boolean.TRUE) != null) {
                return;
            }
        }
        EnforcementFinding finding = new EnforcementFinding(EnforcementFinding.SCHEMA_VERSION, id, kind,
                EpochMicros.of(clock.instant()), Severity.HIGH, target, blockId, incidentId, detail);
        meters.counter("periscope.enforcement.findings", "kind", kind.name()).increment();
        producer.send(new ProducerRecord<>(Topics.ENFORCEMENT_FINDINGS, id.getBytes(StandardCharsets.UTF_8),
                serde.serialize(Topics.ENFORCEMENT_FINDINGS, finding)), (metadata, error) -> {
                    if (error != null) {
                        meters.counter("periscope.enforcement.findings.failed").increment();
                        synchronized (written) {
                            written.remove(id);
                        }
                    }
                });
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
