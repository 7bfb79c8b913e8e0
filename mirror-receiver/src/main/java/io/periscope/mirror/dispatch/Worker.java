package io.periscope.mirror.dispatch;

import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.dedup.DuplicateFilter;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.mirror.metrics.ThrottledLog;
import io.periscope.segment.SegmentSink;
import org.slf4j.LoggerFactory;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One reassembly worker: drains its ring into its sink on its own thread, suppresses duplicates
 * (both copies of a double-mirrored packet land here, see {@link io.periscope.mirror.decode.FlowHash}),
 * and ticks the sink at least once a second even when idle.
 *
 * <p>Wake-up protocol: an idle worker sets {@link #sleeping}, re-checks its ring, then parks; a
 * producer publishes (a volatile write) and then reads {@link #sleeping}. Either the worker's re-check
 * sees the segment or the producer sees the flag and unparks it, so no segment waits for a timeout.
 */
final class Worker implements Runnable {
    /** A clock reading meaning "no time yet" (a file source before its first packet): no tick is sent. */
    static final long NO_TIME = Long.MIN_VALUE;
    /** Below the 1 s the sink contract promises, so scheduling jitter cannot stretch a gap past it. */
    private static final long TICK_NANOS = 500_000_000L;
    private static final int TICK_CHECK_EVERY = 64;
    private static final ThrottledLog SINK_ERRORS = new ThrottledLog(LoggerFactory.getLogger(Worker.class), 10_000);

    final SegmentRing ring;
    private final SegmentSink sink;
    private final DuplicateFilter duplicates;
    private final ReceiverMetrics metrics;
    private final ReceiverMetrics.WorkerCounters counters;
    private final LongSupplier clock;
    volatile boolean sleeping;
    private volatile boolean running = true;
    private Thread thread;
    private long lastTickNanos;

    Worker(int index, SegmentRing ring, SegmentSink sink, DedupConfig dedup, ReceiverMetrics metrics, LongSupplier clockMicros) {
        this.ring = ring;
        this.sink = sink;
        this.duplicates = dedup.enabled() ? new DuplicateFilter(dedup) : null;
        this.metrics = metrics;
        this.counters = metrics.worker(index);
        this.clock = clockMicros;
    }

    void start(Thread thread) {
        this.thread = thread;
        thread.start();
    }

    void wake() {
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
        int sinceCheck = 0;
        while (true) {
            SegmentSlot slot = ring.peek();
            if (slot != null) {
                deliver(slot);
                ring.release(slot);
                if (++sinceCheck == TICK_CHECK_EVERY) {
                    sinceCheck = 0;
                    tickIfDue();
                }
                continue;
            }
            tickIfDue();
            if (!running) {
                if (ring.isEmpty()) {
                    break;
                }
                continue;
            }
            sleeping = true;
            if (ring.isEmpty() && running) {
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

    private void deliver(SegmentSlot slot) {
        if (duplicates != null && duplicates.isDuplicate(slot.fingerprint, slot.timestampMicros)) {
            metrics.duplicate();
            return;
        }
        try {
            sink.onSegment(slot);
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
