package io.periscope.mirror.warmup;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.mirror.config.ReceiverConfig;
import io.periscope.mirror.config.SessionConfig;
import io.periscope.mirror.decode.LinkType;
import io.periscope.mirror.decode.VniSessions;
import io.periscope.mirror.dispatch.PacketIntake;
import io.periscope.mirror.dispatch.SegmentDispatcher;
import io.periscope.mirror.dispatch.TickClock;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.synthetic.SyntheticTraffic;
import io.periscope.mirror.synthetic.Totals;
import io.periscope.mirror.synthetic.TrafficSpec;
import io.periscope.segment.SegmentSinkFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Pushes synthetic mirrored traffic through the real packet path (decoder, dispatcher, workers, the
 * caller's reassembly sinks) before the receiver opens its sockets, so that the first real burst meets
 * compiled code instead of an interpreter: right after start, a receiver that had reported ready lost
 * half of a 10,000 packets/s burst while the JIT compiler threads were the busiest in the process.
 *
 * <p>It runs on separate instances (its own dispatcher, sessions and metrics), so nothing it does
 * shows in the receiver's counters; the caller's sinks must discard what they produce. It doubles as a
 * self-test: every synthetic exchange must come out.
 */
public final class WarmUp {
    /** Ethernet, IPv4 and UDP in front of the VXLAN header of a generated frame. */
    private static final int OUTER_HEADERS = 14 + 20 + 8;
    /** A capture that reaches every parser state (keep-alive, pipelining, chunked, gzip) in about 15,000 packets. */
    private static final TrafficSpec CAPTURE = TrafficSpec.realistic(300, 20_261_202).withConcurrentConnections(100);
    /** Passes are this far apart on the capture clock, so one pass's connections are long gone in the next. */
    private static final long PASS_GAP_MICROS = 600_000_000L;

    private WarmUp() {
    }

    /**
     * @param sinks          reassembly sinks that discard what they emit (and count it)
     * @param exchangesSeen  how many exchanges those sinks have emitted so far
     */
    public static WarmUpReport run(ReceiverConfig config, SegmentSinkFactory sinks, LongSupplier exchangesSeen)
            throws InterruptedException {
        if (!config.warmUp().enabled() || config.warmUp().packets() == 0) {
            return WarmUpReport.SKIPPED;
        }
        List<byte[]> frames = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        Totals totals = generate(frames, times);
        VniSessions sessions = new VniSessions(SessionConfig.defaults());
        ReceiverMetrics metrics = new ReceiverMetrics(new SimpleMeterRegistry(), sessions);
        SegmentDispatcher dispatcher = new SegmentDispatcher(config.dispatch().forFileIngest(), config.dedup(), sinks,
                metrics, TickClock.CAPTURE);
        PacketIntake intake = new PacketIntake(config.decoder(), sessions, metrics, "warmup", dispatcher);
        long before = exchangesSeen.getAsLong();
        long started = System.nanoTime();
        long deadline = started + config.warmUp().maxDuration().toNanos();
        long packets = 0;
        int passes = 0;
        double firstRate = 0;
        double lastRate = 0;
        dispatcher.start();
        try {
            while (packets < config.warmUp().packets() && System.nanoTime() < deadline) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("warm-up interrupted");
                }
                long shift = passes * (totals.lastMicros() - totals.firstMicros() + PASS_GAP_MICROS);
                long passStart = System.nanoTime();
                for (int i = 0; i < frames.size(); i++) {
                    byte[] frame = frames.get(i);
                    intake.put(frame, OUTER_HEADERS, frame.length - OUTER_HEADERS, LinkType.VXLAN, times.get(i) + shift);
                }
                dispatcher.awaitDrained(); // so the rate is the pipeline's, not the time to fill its queues
                packets += frames.size();
                passes++;
                lastRate = frames.size() * 1e9 / Math.max(1, System.nanoTime() - passStart);
                if (passes == 1) {
                    firstRate = lastRate;
                }
            }
        } finally {
            dispatcher.close();
        }
        return new WarmUpReport(packets, Duration.ofNanos(System.nanoTime() - started), firstRate, lastRate,
                passes * totals.exchanges(), exchangesSeen.getAsLong() - before);
    }

    private static Totals generate(List<byte[]> frames, List<Long> times) {
        try {
            return new SyntheticTraffic(CAPTURE).generate((micros, frame) -> {
                frames.add(frame);
                times.add(micros);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory sink does not fail
        }
    }
}
