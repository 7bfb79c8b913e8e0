package io.periscope.mirror.source;

import java.util.Map;

/**
 * What became of a capture file. Every packet read is either delivered as a segment or skipped for
 * exactly one reason, so {@code packetsRead == segmentsDelivered + skipped()}.
 *
 * @param packetsRead        packet records in the file (a record cut short by the end of the file counts too)
 * @param segmentsDelivered  TCP segments handed to the sink
 * @param truncatedSegments  delivered segments whose payload was cut short ({@code payloadLength < wireLength})
 * @param skippedByReason    packets not delivered, by reason: the {@code DecodeOutcome} reasons
 *                           ({@code non_tcp}, {@code truncated_header}, ...), {@code duplicate} and
 *                           {@code truncated_record}
 */
public record IngestSummary(long packetsRead, long segmentsDelivered, long truncatedSegments, Map<String, Long> skippedByReason) {

    public static final String DUPLICATE = "duplicate";
    public static final String TRUNCATED_RECORD = "truncated_record";

    public IngestSummary {
        skippedByReason = Map.copyOf(skippedByReason);
    }

    public long skipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skipped(String reason) {
        return skippedByReason.getOrDefault(reason, 0L);
    }
}
