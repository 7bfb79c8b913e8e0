package io.periscope.reassembly;

import io.periscope.segment.SegmentSink;
import io.periscope.segment.TcpSegment;
import io.periscope.reassembly.exchange.HttpConversation;
import io.periscope.reassembly.exchange.WorkerExchanges;
import io.periscope.reassembly.tcp.ConnectionTracker;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.reassembly.tcp.ReassemblyContext;

/**
 * One worker's reassembly: TCP segments in, HTTP exchanges out to the exchange sink. Single-threaded
 * by contract (see {@link SegmentSink}); holds no locks.
 */
public final class ReassemblySink implements SegmentSink {
    /**
     * {@link IdleClock#SEGMENTS}: how often (capture time) the tracker's timed work runs: idle expiry, reorder
     * waits of silent connections (50 ms window by default), forgetting lingering closed connections. Often
     * enough for those, rare enough to cost nothing (one pass per 100 ms of capture time).
     */
    private static final long EXPIRY_CHECK_MICROS = 100_000;
    private final ConnectionTracker tracker;
    private final MemoryBudget budget;
    private final ReassemblyMetrics metrics;
    private final WorkerExchanges exchanges;
    private final IdleClock idleClock;
    private long publishedBudget;
    private long lastMicros;
    /** {@link IdleClock#SEGMENTS}: the capture time at which idle connections are next looked for. */
    private long nextExpiryMicros = Long.MIN_VALUE;

    ReassemblySink(ConnectionTracker tracker, MemoryBudget budget, ReassemblyMetrics metrics, WorkerExchanges exchanges,
                   IdleClock idleClock) {
        this.tracker = tracker;
        this.budget = budget;
        this.metrics = metrics;
        this.exchanges = exchanges;
        this.idleClock = idleClock;
    }

    static ReassemblySink create(ReassemblyConfig config, WorkerExchanges exchanges, MemoryBudget budget,
                                 ReassemblyMetrics metrics, ReassemblyContext ctx,
                                 int maxConnections, IdleClock idleClock) {
        ConnectionTracker tracker = new ConnectionTracker(ctx, maxConnections, config.idleTimeout().toNanos() / 1000,
                c -> new HttpConversation(c, exchanges));
        return new ReassemblySink(tracker, budget, metrics, exchanges, idleClock);
    }

    @Override
    public void onSegment(TcpSegment segment) {
        long micros = segment.timestampMicros();
        if (micros > lastMicros) {
            lastMicros = micros;
        }
        if (idleClock == IdleClock.SEGMENTS && micros >= nextExpiryMicros) {
            // before the segment: a connection idle past the timeout is a new one when it speaks again
            tracker.onTick(micros);
            nextExpiryMicros = micros + EXPIRY_CHECK_MICROS;
        }
        tracker.onSegment(segment);
    }

    @Override
    public void onTick(long nowMicros) {
        if (idleClock == IdleClock.TICKS) {
            tracker.onTick(nowMicros);
        }
        publishBudget();
    }

    @Override
    public void onClose() {
        tracker.closeAll(lastMicros);
        publishBudget();
    }

    /** Connections currently tracked by this worker. */
    public int connections() {
        return tracker.size();
    }

    /** Bytes this worker holds in buffers and pending messages. */
    public long bufferedBytes() {
        return budget.used();
    }

    private void publishBudget() {
        tracker.publishCounts();
        long used = budget.used();
        metrics.bufferedBytesChanged(used - publishedBudget);
        publishedBudget = used;
        exchanges.publishPending();
    }
}
