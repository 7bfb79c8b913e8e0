package io.periscope.mirror.dispatch;

import io.micrometer.core.instrument.Gauge;
import io.periscope.events.time.EpochMicros;
import io.periscope.mirror.config.DedupConfig;
import io.periscope.mirror.config.DispatchConfig;
import io.periscope.mirror.dedup.DuplicateFilter;
import io.periscope.mirror.decode.DecodedPacket;
import io.periscope.mirror.metrics.ReceiverMetrics;
import io.periscope.segment.SegmentSinkFactory;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands decoded segments to N reassembly workers, sharded by {@link DecodedPacket#flowHash()} so both
 * directions of a connection (and both copies of a double-mirrored packet) reach the same worker and
 * its sink needs no locks. Each worker owns a queue bounded in bytes ({@link SegmentQueue}).
 *
 * <p>Live sources use {@link #offer}: a full queue drops the segment and counts it, so a receive thread
 * never blocks. File sources use {@link #put}, which waits for room, so file ingest is lossless.
 */
public final class SegmentDispatcher implements AutoCloseable {
    public static final String QUEUE_BYTES = "periscope.mirror.queue.bytes";
    public static final String QUEUE_CAPACITY = "periscope.mirror.queue.capacity.bytes";
    private static final long PUT_BACKOFF_NANOS = 20_000;

    private final Worker[] workers;
    private final ReceiverMetrics.WorkerCounters[] counters;
    private final boolean fingerprints;
    private final TickClock tickClock;
    /** Latest packet timestamp of a file source; {@link Worker#NO_TIME} until the first packet. */
    private volatile long captureClockMicros = Worker.NO_TIME;
    private boolean started;
    private boolean closed;

    public SegmentDispatcher(DispatchConfig config, DedupConfig dedup, SegmentSinkFactory sinks, ReceiverMetrics metrics, TickClock tickClock) {
        this.tickClock = tickClock;
        this.fingerprints = dedup.enabled();
        int n = config.workers();
        workers = new Worker[n];
        counters = new ReceiverMetrics.WorkerCounters[n];
        String[] sessions = new String[metrics.sessions().count()];
        Arrays.setAll(sessions, metrics.sessions()::name);
        for (int i = 0; i < n; i++) {
            SegmentQueue queue = new SegmentQueue(config.queueBytesPerWorker(), sessions);
            workers[i] = new Worker(i, queue, sinks.create(i, n), dedup, metrics, this::nowMicros,
                    !(tickClock instanceof TickClock.Wall));
            counters[i] = metrics.worker(i);
            String worker = Integer.toString(i);
            Gauge.builder(QUEUE_BYTES, queue, SegmentQueue::sizeBytes).tag("worker", worker).baseUnit("bytes")
                    .description("bytes of segments waiting for the worker").register(metrics.registry());
            Gauge.builder(QUEUE_CAPACITY, queue, SegmentQueue::capacityBytes).tag("worker", worker).baseUnit("bytes")
                    .description("bytes the worker's queue can hold").register(metrics.registry());
        }
    }

    private long nowMicros() {
        return tickClock instanceof TickClock.Wall wall ? EpochMicros.now(wall.clock()) : captureClockMicros;
    }

    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(workers[i], "periscope-reassembly-" + i);
            t.setDaemon(true);
            workers[i].start(t);
        }
    }

    public int workers() {
        return workers.length;
    }

    private int shard(int flowHash) {
        return (int) ((flowHash & 0xFFFF_FFFFL) % workers.length);
    }

    /** Live sources: hands the segment over or, when the worker's queue is full, drops and counts it. Never blocks. */
    public boolean offer(DecodedPacket segment) {
        int w = shard(segment.flowHash());
        if (workers[w].queue.offer(segment, segment.sessionIndex(), fingerprint(segment))) {
            workers[w].wake();
            return true;
        }
        counters[w].queueDropped().increment();
        return false;
    }

    /** File sources: waits for room instead of dropping, and advances the capture clock. */
    public void put(DecodedPacket segment) throws InterruptedException {
        if (segment.timestampMicros() > captureClockMicros) {
            captureClockMicros = segment.timestampMicros();
        }
        int w = shard(segment.flowHash());
        long fp = fingerprint(segment);
        while (!workers[w].queue.offer(segment, segment.sessionIndex(), fp)) {
            workers[w].wake();
            LockSupport.parkNanos(PUT_BACKOFF_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        workers[w].wake();
    }

    /** File sources: waits until every worker has taken every queued segment (its last batch may still be in hand). */
    public void awaitDrained() throws InterruptedException {
        for (Worker w : workers) {
            while (!w.queue.isEmpty()) {
                w.wake();
                LockSupport.parkNanos(PUT_BACKOFF_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** File sources: lets idle workers tick on the capture clock even between segments. */
    public void advanceCaptureClock(long timestampMicros) {
        if (timestampMicros > captureClockMicros) {
            captureClockMicros = timestampMicros;
        }
    }

    private long fingerprint(DecodedPacket segment) {
        return fingerprints ? DuplicateFilter.fingerprint(segment) : 0;
    }

    /**
     * Drains every queue into its sink, lets each worker call its sink's {@code onClose}, and returns only
     * when all have: an interrupt does not cut this short (it is re-asserted on return), so callers can
     * rely on every sink being flushed. Receivers must be stopped first.
     */
    @Override
    public synchronized void close() {
        if (closed || !started) {
            closed = true;
            return;
        }
        closed = true;
        for (Worker w : workers) {
            w.stop();
        }
        boolean interrupted = false;
        for (Worker w : workers) {
            while (true) {
                try {
                    w.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
