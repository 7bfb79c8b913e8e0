package io.periscope.mirror.metrics;

import java.util.Map;

/**
 * Snapshot of the receiver's counters. Counts reconcile:
 * {@code received = decoded + sum(skipped) + sum(malformed)} and, once queues are drained,
 * {@code decoded = delivered + duplicates + queueDropped}.
 *
 * @param received          packets received from all sources
 * @param receivedBytes     bytes received (datagram or captured packet length)
 * @param decoded           TCP segments decoded
 * @param truncated         decoded segments whose payload was cut short
 * @param duplicates        segments suppressed as double-mirrored copies
 * @param delivered         segments handed to reassembly sinks
 * @param queueDropped      segments dropped because a worker queue was full
 * @param sinkErrors        segments whose sink threw
 * @param decodedBySession  decoded segments by mirror session name
 * @param skippedByReason   packets skipped on purpose, by reason
 * @param malformedByReason malformed packets, by reason
 */
public record ReceiverStats(long received, long receivedBytes, long decoded, long truncated, long duplicates,
                            long delivered, long queueDropped, long sinkErrors, Map<String, Long> decodedBySession,
                            Map<String, Long> skippedByReason, Map<String, Long> malformedByReason) {

    public ReceiverStats {
        decodedBySession = Map.copyOf(decodedBySession);
        skippedByReason = Map.copyOf(skippedByReason);
        malformedByReason = Map.copyOf(malformedByReason);
    }

    public long skipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long malformed() {
        return malformedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
