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
    private final ConnectionTracker tracker;
    private final MemoryBudget budget;
    private final ReassemblyMetrics metrics;
    private final WorkerExchanges exchanges;
    private long publishedBudget;
    private long lastMicros;

    ReassemblySink(ConnectionTracker tracker, MemoryBudget budget, ReassemblyMetrics metrics, WorkerExchanges exchanges) {
        this.tracker = tracker;
        this.budget = budget;
        this.metrics = metrics;
        this.exchanges = exchanges;
    }

    static ReassemblySink create(ReassemblyConfig config, WorkerExchanges exchanges, MemoryBudget budget,
                                 ReassemblyMetrics metrics, ReassemblyContext ctx,
                                 int maxConnections) {
        ConnectionTracker tracker = new ConnectionTracker(ctx, maxConnections, config.idleTimeout().toNanos() / 1000,
                c -> new HttpConversation(c, exchanges));
        return new ReassemblySink(tracker, budget, metrics, exchanges);
    }

    @Override
    public void onSegment(TcpSegment segment) {
        if (segment.timestampMicros() > lastMicros) {
            lastMicros = segment.timestampMicros();
        }
        tracker.onSegment(segment);
    }

    @Override
    public void onTick(long nowMicros) {
        tracker.onTick(nowMicros);
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
        long used = budget.used();
        metrics.bufferedBytesChanged(used - publishedBudget);
        publishedBudget = used;
        exchanges.publishPending();
    }
}
