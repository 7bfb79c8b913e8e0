package io.periscope.mirror.dispatch;

import io.periscope.mirror.config.DecoderConfig;
import io.periscope.mirror.decode.DecodeOutcome;
import io.periscope.mirror.decode.DecodedPacket;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.PacketDecoder;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.metrics.ReceiverMetrics;

/**
 * The per-thread front of the pipeline: counts a received packet, decodes it, counts the outcome and
 * hands a segment to the dispatcher. One instance per receive thread (it owns a decoder).
 */
public final class PacketIntake {
    private final PacketDecoder decoder;
    private final ReceiverMetrics metrics;
    private final ReceiverMetrics.SourceCounters source;
    private final SegmentDispatcher dispatcher;

    public PacketIntake(DecoderConfig config, VniSessions sessions, ReceiverMetrics metrics, String sourceKind, SegmentDispatcher dispatcher) {
        this.decoder = new PacketDecoder(config, sessions);
        this.metrics = metrics;
        this.source = metrics.source(sourceKind);
        this.dispatcher = dispatcher;
    }

    /** Live sources: never blocks; a full worker queue drops the segment (counted by the dispatcher). */
    public DecodeOutcome offer(byte[] packet, int offset, int length, LinkType link, long timestampMicros) {
        DecodeOutcome outcome = decode(packet, offset, length, link, timestampMicros);
        if (outcome == DecodeOutcome.SEGMENT) {
            dispatcher.offer(decoder.packet());
        }
        return outcome;
    }

    /** File sources: waits for queue room, so nothing is dropped. */
    public DecodeOutcome put(byte[] packet, int offset, int length, LinkType link, long timestampMicros) throws InterruptedException {
        dispatcher.advanceCaptureClock(timestampMicros);
        DecodeOutcome outcome = decode(packet, offset, length, link, timestampMicros);
        if (outcome == DecodeOutcome.SEGMENT) {
            dispatcher.put(decoder.packet());
        }
        return outcome;
    }

    /** Counts a packet of a link type the decoder does not handle. */
    public void unsupportedLinkType(int length) {
        source.received(length);
        metrics.dropped(DecodeOutcome.UNSUPPORTED_LINK_TYPE);
    }

    private DecodeOutcome decode(byte[] packet, int offset, int length, LinkType link, long timestampMicros) {
        source.received(length);
        DecodeOutcome outcome = decoder.decode(packet, offset, length, link, timestampMicros);
        if (outcome == DecodeOutcome.SEGMENT) {
            DecodedPacket p = decoder.packet();
            metrics.segment(p.sessionIndex(), p.payloadLength(), p.truncated());
        } else {
            metrics.dropped(outcome);
        }
        return outcome;
    }
}
