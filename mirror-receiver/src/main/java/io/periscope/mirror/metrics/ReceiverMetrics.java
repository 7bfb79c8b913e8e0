package io.periscope.mirror.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.VniSessions;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiver's Micrometer counters. Tag values come from closed sets only (configured session
 * names, decode reasons, source kinds, worker indexes), so cardinality is bounded whatever arrives.
 * Counters are registered up front; the hot path only increments pre-resolved {@link Counter}s
 * (lock-free adders), never looks anything up by name.
 */
public final class ReceiverMetrics {
    public static final String PACKETS_RECEIVED = "periscope.mirror.packets.received";
    public static final String BYTES_RECEIVED = "periscope.mirror.bytes.received";
    public static final String PACKETS_DECODED = "periscope.mirror.packets.decoded";
    public static final String PAYLOAD_BYTES = "periscope.mirror.payload.bytes";
    public static final String PACKETS_TRUNCATED = "periscope.mirror.packets.truncated";
    public static final String PACKETS_SKIPPED = "periscope.mirror.packets.skipped";
    public static final String PACKETS_MALFORMED = "periscope.mirror.packets.malformed";
    public static final String PACKETS_DUPLICATE = "periscope.mirror.packets.duplicate";
    public static final String SEGMENTS_DELIVERED = "periscope.mirror.segments.delivered";
    public static final String QUEUE_DROPPED = "periscope.mirror.queue.dropped";
    public static final String SINK_ERRORS = "periscope.mirror.sink.errors";

    private final MeterRegistry registry;
    private final VniSessions sessions;
    private final Counter[] decoded;
    private final Counter[] payloadBytes;
    private final Counter[] truncated;
    private final EnumMap<DecodeOutcome, Counter> outcomes = new EnumMap<>(DecodeOutcome.class);
    private final Counter duplicates;
    private final Counter sinkErrors;
    private final Map<String, SourceCounters> sources = new ConcurrentHashMap<>();
    private final Map<Integer, WorkerCounters> workers = new ConcurrentHashMap<>();

    public ReceiverMetrics(MeterRegistry registry, VniSessions sessions) {
        this.registry = registry;
        this.sessions = sessions;
        int n = sessions.count();
        decoded = new Counter[n];
        payloadBytes = new Counter[n];
        truncated = new Counter[n];
        for (int i = 0; i < n; i++) {
            String session = sessions.name(i);
            decoded[i] = Counter.builder(PACKETS_DECODED).tag("session", session)
                    .description("TCP segments decoded, by mirror session").register(registry);
            payloadBytes[i] = Counter.builder(PAYLOAD_BYTES).tag("session", session).baseUnit("bytes")
                    .description("captured TCP payload bytes, by mirror session").register(registry);
            truncated[i] = Counter.builder(PACKETS_TRUNCATED).tag("session", session)
                    .description("TCP segments whose payload was cut short by the mirror session or snap length").register(registry);
        }
        for (DecodeOutcome outcome : DecodeOutcome.values()) {
            switch (outcome.kind()) {
                case SKIPPED -> outcomes.put(outcome, Counter.builder(PACKETS_SKIPPED).tag("reason", outcome.reason())
                        .description("packets skipped on purpose (not TCP, fragments, unknown VNI...)").register(registry));
                case MALFORMED -> outcomes.put(outcome, Counter.builder(PACKETS_MALFORMED).tag("reason", outcome.reason())
                        .description("packets dropped because a header is inconsistent or cut short").register(registry));
                case SEGMENT -> {
                    // counted per session in decoded
                }
            }
        }
        duplicates = Counter.builder(PACKETS_DUPLICATE)
                .description("segments suppressed as the second copy of a double-mirrored packet").register(registry);
        sinkErrors = Counter.builder(SINK_ERRORS)
                .description("segments whose sink threw; the segment is lost to reassembly").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public VniSessions sessions() {
        return sessions;
    }

    /** Counters for one kind of source ({@code udp}, {@code file}, {@code live}). */
    public SourceCounters source(String kind) {
        return sources.computeIfAbsent(kind, k -> new SourceCounters(
                Counter.builder(PACKETS_RECEIVED).tag("source", k).description("packets received").register(registry),
                Counter.builder(BYTES_RECEIVED).tag("source", k).baseUnit("bytes").description("bytes received").register(registry)));
    }

    public WorkerCounters worker(int index) {
        return workers.computeIfAbsent(index, i -> new WorkerCounters(
                Counter.builder(SEGMENTS_DELIVERED).tag("worker", Integer.toString(i))
                        .description("segments handed to reassembly").register(registry),
                Counter.builder(QUEUE_DROPPED).tag("worker", Integer.toString(i))
                        .description("segments dropped because the worker's queue was full").register(registry)));
    }

    public void segment(int sessionIndex, int payloadLength, boolean wasTruncated) {
        decoded[sessionIndex].increment();
        payloadBytes[sessionIndex].increment(payloadLength);
        if (wasTruncated) {
            truncated[sessionIndex].increment();
        }
    }

    /** Counts a packet that did not yield a segment. */
    public void dropped(DecodeOutcome outcome) {
        outcomes.get(outcome).increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void sinkError() {
        sinkErrors.increment();
    }

    /** A consistent-enough view of every counter, for health and pipeline-status pages. */
    public ReceiverStats snapshot() {
        long received = 0;
        long receivedBytes = 0;
        for (SourceCounters s : sources.values()) {
            received += (long) s.packets().count();
            receivedBytes += (long) s.bytes().count();
        }
        Map<String, Long> bySession = new LinkedHashMap<>();
        long decodedTotal = 0;
        long truncatedTotal = 0;
        for (int i = 0; i < decoded.length; i++) {
            long c = (long) decoded[i].count();
            bySession.merge(sessions.name(i), c, Long::sum);
            decodedTotal += c;
            truncatedTotal += (long) truncated[i].count();
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        Map<String, Long> malformed = new LinkedHashMap<>();
        outcomes.forEach((outcome, counter) -> (outcome.kind() == DecodeOutcome.Kind.SKIPPED ? skipped : malformed)
                .put(outcome.reason(), (long) counter.count()));
        long delivered = 0;
        long queueDropped = 0;
        for (WorkerCounters w : workers.values()) {
            delivered += (long) w.delivered().count();
            queueDropped += (long) w.queueDropped().count();
        }
        return new ReceiverStats(received, receivedBytes, decodedTotal, truncatedTotal, (long) duplicates.count(),
                delivered, queueDropped, (long) sinkErrors.count(), bySession, skipped, malformed);
    }

    public record SourceCounters(Counter packets, Counter bytes) {
        public void received(int length) {
            packets.increment();
            bytes.increment(length);
        }
    }

    public record WorkerCounters(Counter delivered, Counter queueDropped) {
    }
}
