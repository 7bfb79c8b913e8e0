package io.periscope.mirror.source;

import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.DecodedPacket;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dedup.DuplicateFilter;
import io.periscope.segment.SegmentSink;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Single-threaded, deterministic ingest of one capture: read, decode, deduplicate, deliver. */
final class FileIngest {
    private static final long TICK_MICROS = 1_000_000;

    private final PacketDecoder decoder;
    private final DuplicateFilter duplicates;
    private final long[] outcomes = new long[DecodeOutcome.values().length];
    private long duplicateCount;
    private long truncatedSegments;

    FileIngest(ReceiverConfig config) {
        decoder = new PacketDecoder(config.decoder(), new VniSessions(config.sessions()));
        duplicates = config.dedup().enabled() ? new DuplicateFilter(config.dedup()) : null;
    }

    IngestSummary run(CaptureReader reader, SegmentSink sink) throws IOException {
        long packets = 0;
        long delivered = 0;
        long clock = Long.MIN_VALUE;
        long lastTick = Long.MIN_VALUE;
        while (reader.next()) {
            packets++;
            long ts = reader.timestampMicros();
            clock = Math.max(clock, ts);
            if (lastTick == Long.MIN_VALUE || clock - lastTick >= TICK_MICROS) {
                sink.onTick(clock);
                lastTick = clock;
            }
            LinkType link = reader.linkType();
            if (link == null) {
                outcomes[DecodeOutcome.UNSUPPORTED_LINK_TYPE.ordinal()]++;
                continue;
            }
            DecodeOutcome outcome = decoder.decode(reader.array(), reader.offset(), reader.capturedLength(), link, ts);
            if (outcome != DecodeOutcome.SEGMENT) {
                outcomes[outcome.ordinal()]++;
                continue;
            }
            DecodedPacket segment = decoder.packet();
            if (duplicates != null && duplicates.isDuplicate(DuplicateFilter.fingerprint(segment), ts)) {
                duplicateCount++;
                continue;
            }
            if (segment.truncated()) {
                truncatedSegments++;
            }
            delivered++;
            sink.onSegment(segment);
        }
        long truncatedRecords = reader.endedInsideRecord() ? 1 : 0;
        if (clock != Long.MIN_VALUE) {
            sink.onTick(clock);
        }
        sink.onClose();
        Map<String, Long> skipped = new LinkedHashMap<>();
        for (DecodeOutcome outcome : DecodeOutcome.values()) {
            if (outcomes[outcome.ordinal()] > 0) {
                skipped.put(outcome.reason(), outcomes[outcome.ordinal()]);
            }
        }
        if (duplicateCount > 0) {
            skipped.put(IngestSummary.DUPLICATE, duplicateCount);
        }
        if (truncatedRecords > 0) {
            skipped.put(IngestSummary.TRUNCATED_RECORD, truncatedRecords);
        }
        return new IngestSummary(packets + truncatedRecords, delivered, truncatedSegments, skipped);
    }
}
