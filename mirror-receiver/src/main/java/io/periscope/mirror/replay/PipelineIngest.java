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

/**
 * Feeds a capture straight into reassembly workers in this process (no UDP): the same decoder,
 * dispatcher and metrics as the network path, with backpressure instead of drops so nothing is lost,
 * and the sinks ticked on the capture clock.
 */
public final class PipelineIngest {
    public static final String SOURCE = "file";

    /** What the ingest did: the replay counts plus the receiver counters it produced. */
    public record Result(ReplaySummary replay, ReceiverStats stats) {
    }

    private PipelineIngest() {
    }

    public static Result run(CaptureReader reader, Pacer pacer, ReceiverConfig config, SegmentSinkFactory sinks,
                             MeterRegistry registry, Progress progress) throws IOException, InterruptedException {
        VniSessions sessions = new VniSessions(config.sessions());
        ReceiverMetrics metrics = new ReceiverMetrics(registry, sessions);
        SegmentDispatcher dispatcher = new SegmentDispatcher(config.dispatch().forFileIngest(), config.dedup(), sinks, metrics, TickClock.CAPTURE);
        PacketIntake intake = new PacketIntake(config.decoder(), sessions, metrics, SOURCE, dispatcher);
        Map<String, Long> skipped = new LinkedHashMap<>();
        long read = 0;
        long fed = 0;
        long bytes = 0;
        long start = System.nanoTime();
        dispatcher.start();
        try {
            while (reader.next()) {
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
            if (reader.endedInsideRecord()) {
                read++;
                skipped.merge("truncated_record", 1L, Long::sum);
            }
        } finally {
            dispatcher.close();
        }
        ReplaySummary summary = new ReplaySummary(read, fed, bytes, System.nanoTime() - start, skipped);
        return new Result(summary, metrics.snapshot());
    }
}
