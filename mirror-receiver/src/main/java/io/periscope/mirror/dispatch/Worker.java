package io.periscope.mirror.dispatch;

import io.periscope.events.log.ThrottledLogger;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.dedup.DuplicateFilter;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import org.slf4j.LoggerFactory;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One reassembly worker: drains its ring into its sink on its own thread, suppresses duplicates
 * (both copies of a double-mirrored packet land here, see {@link io.periscope.mirror.decode.FlowHash}),
 * and ticks the sink at least once a second even when idle.
 *
 * <p>Wake-up protocol: an idle worker sets {@link #sleeping} (a volatile write), re-checks its queue,
 * then parks; a producer commits its segment, issues a full fence and then reads {@link #sleeping}.
 * Either the worker's re-check sees the segment or the producer sees the flag and unparks it, so no
 * segment waits for a timeout.
 */
final class Worker implements Runnable, SegmentQueue.Consumer {
    /** A clock reading meaning "no time yet" (a file source before its first packet): no tick is sent. */
    static final long NO_TIME = Long.MIN_VALUE;
    /** Below the 1 s the sink contract promises, so scheduling jitter cannot stretch a gap past it. */
    private static final long TICK_NANOS = 500_000_000L;
    /** Segments handled between two looks at the tick clock. */
    private static final int BATCH = 64;
    private static final ThrottledLogger SINK_ERRORS =
            new ThrottledLogger(LoggerFactory.getLogger(Worker.class), Duration.ofSeconds(10));

    final SegmentQueue queue;
    private final SegmentSink sink;
    private final DuplicateFilter duplicates;
    private final ReceiverMetrics metrics;
    private final ReceiverMetrics.WorkerCounters counters;
    private final LongSupplier clock;
    /**
     * True when the clock is the capture clock of a file source. That clock is the newest timestamp the
     * reader has handed over, which runs ahead of this worker by whatever waits in its queue; while
     * segments wait, ticking with it would expire their connections as idle before they are read
     * (a capture with a quiet spell longer than the idle timeout did exactly that).
     */
    private final boolean captureClock;
    /** Timestamp of the newest segment this worker has handed to its sink. */
    private long lastSegmentMicros = NO_TIME;
    volatile boolean sleeping;
    private volatile boolean running = true;
    private Thread thread;
    /** Paces ticks only (monotonic); the time a tick reports comes from the dispatcher's {@link TickClock}. */
    private long lastTickNanos;

    Worker(int index, SegmentQueue queue, SegmentSink sink, DedupConfig dedup, ReceiverMetrics metrics, LongSupplier clockMicros,
           boolean captureClock) {
        this.queue = queue;
        this.sink = sink;
        this.duplicates = dedup.enabled() ? new DuplicateFilter(dedup) : null;
        this.metrics = metrics;
        this.counters = metrics.worker(index);
        this.clock = clockMicros;
        this.captureClock = captureClock;
    }

    void start(Thread thread) {
        this.thread = thread;
        thread.start();
    }

    /** Called by a producer after it committed a segment. */
    void wake() {
        VarHandle.fullFence(); // the commit before the read of "sleeping": see the wake-up protocol
        if (sleeping) {
            LockSupport.unpark(thread);
        }
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    void join() throws InterruptedException {
        thread.join();
    }

    @Override
    public void run() {
        lastTickNanos = System.nanoTime();
        tick();
        while (true) {
            if (queue.drain(this, BATCH) > 0) {
                tickIfDue();
                continue;
            }
            tickIfDue();
            if (!running) {
                if (queue.isEmpty()) {
                    break;
                }
                continue;
            }
            sleeping = true;
            if (queue.isEmpty() && running) {
                LockSupport.parkNanos(TICK_NANOS);
            }
            sleeping = false;
        }
        tick();
        try {
            sink.onClose();
        } catch (RuntimeException e) {
            metrics.sinkError();
            SINK_ERRORS.warn("reassembly sink failed to close", e);
        }
    }

    @Override
    public void onSegment(TcpSegment segment, long fingerprint) {
        if (segment.timestampMicros() > lastSegmentMicros) {
            lastSegmentMicros = segment.timestampMicros();
        }
        if (duplicates != null && duplicates.isDuplicate(fingerprint, segment.timestampMicros())) {
            metrics.duplicate();
            return;
        }
        try {
            sink.onSegment(segment);
            counters.delivered().increment();
        } catch (RuntimeException e) {
            metrics.sinkError();
            SINK_ERRORS.warn("reassembly sink threw on a segment; the segment is lost", e);
        }
    }

    private void tickIfDue() {
        if (System.nanoTime() - lastTickNanos >= TICK_NANOS) {
            tick();
        }
    }

    private void tick() {
        lastTickNanos = System.nanoTime();
        long now = clock.getAsLong();
        if (captureClock && !queue.isEmpty()) {
            now = Math.min(now, lastSegmentMicros); // segments still wait: time has not moved past them yet
        }
        if (now == NO_TIME) {
            return;
        }
        try {
            sink.onTick(now);
        } catch (RuntimeException e) {
            metrics.sinkError();
            SINK_ERRORS.warn("reassembly sink threw on tick", e);
        }
    }
}
