package io.periscope.mirror.replay;

import io.micrometer.core.instrument.MeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.PacketIntake;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.dispatch.TickClock;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.metrics.ReceiverStats;
import io.periscope.segment.SegmentSinkFactory;
import io.periscope.mirror.source.CaptureReader;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Feeds a capture straight into reassembly workers in this process (no UDP): the same decoder,
 * dispatcher and metrics as the network path, with backpressure instead of drops so nothing is lost,
 * and the sinks ticked on the capture clock.
 *
 * <p>Backpressure runs end to end only if the sinks wait too: a reassembly sink whose exchange sink
 * blocks when it cannot keep up (the publisher's {@code Backpressure.BLOCK}) holds its worker, the
 * worker's ring fills, and {@link SegmentDispatcher#put} holds this reader. A sink that cannot go on
 * (Kafka away) says so through {@code stop}: reading ends there, what was read is drained and counted.
 */
public final class PipelineIngest {
    public static final String SOURCE = "file";
    /** Skip reason of a capture that ends inside a record (the record is counted as read, never received). */
    public static final String TRUNCATED_RECORD = "truncated_record";

    /**
     * What the ingest did: the replay counts plus the receiver counters it produced.
     *
     * @param stoppedEarly true when {@code stop} ended the reading before the end of the capture
     */
    public record Result(ReplaySummary replay, ReceiverStats stats, boolean stoppedEarly) {
    }

    private PipelineIngest() {
    }

    public static Result run(CaptureReader reader, Pacer pacer, ReceiverConfig config, SegmentSinkFactory sinks,
                             MeterRegistry registry, Progress progress) throws IOException, InterruptedException {
        return run(reader, pacer, config, sinks, registry, progress, () -> false);
    }

    /**
     * @param stop checked before each packet (a volatile read, no allocation): true ends the reading
     *             early, e.g. because the publisher behind the sinks failed
     */
    public static Result run(CaptureReader reader, Pacer pacer, ReceiverConfig config, SegmentSinkFactory sinks,
                             MeterRegistry registry, Progress progress, BooleanSupplier stop)
            throws IOException, InterruptedException {
        VniSessions sessions = new VniSessions(config.sessions());
        ReceiverMetrics metrics = new ReceiverMetrics(registry, sessions);
        SegmentDispatcher dispatcher = new SegmentDispatcher(config.dispatch().forFileIngest(), config.dedup(), sinks, metrics, TickClock.CAPTURE);
        PacketIntake intake = new PacketIntake(config.decoder(), sessions, metrics, SOURCE, dispatcher);
        Map<String, Long> skipped = new LinkedHashMap<>();
        long read = 0;
        long fed = 0;
        long bytes = 0;
        long start = System.nanoTime();
        boolean stopped = false;
        dispatcher.start();
        try {
            while (!(stopped = stop.getAsBoolean()) && reader.next()) {
                read++;
                int length = reader.capturedLength();
                if (reader.linkType() == null) {
                    intake.unsupportedLinkType(length);
                    skipped.merge(UdpReplayer.SKIP_LINK_TYPE, 1L, Long::sum);
                } else {
                    pacer.await(reader.timestampMicros());
                    intake.put(reader.array(), reader.offset(), length, reader.linkType(), reader.timestampMicros());
                    fed++;
                    bytes += length;
                }
                progress.update(read, bytes);
            }
            if (!stopped && reader.endedInsideRecord()) {
                read++;
                skipped.merge(TRUNCATED_RECORD, 1L, Long::sum);
            }
        } finally {
            dispatcher.close();
        }
        ReplaySummary summary = new ReplaySummary(read, fed, bytes, System.nanoTime() - start, skipped);
        return new Result(summary, metrics.snapshot(), stopped);
    }
}
