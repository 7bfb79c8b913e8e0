package io.periscope.benchmarks.sensor;

import io.periscope.benchmarks.reassembly.ParsingOnly;
import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.tcp.ConnectionTracker;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.SegmentSinkFactory;
import java.util.concurrent.atomic.LongAdder;

/**
 * A <b>partial</b> measurement, never what the sensor runs: the production TCP tracker and HTTP parsers
 * of each worker, with messages counted where the sensor would pair them into exchanges and build,
 * redact and publish those. It measures the part issue 12's throughput bullet names (decode + TCP
 * reassembly + HTTP parsing) on a whole capture; the only extra work is the queue of pending request
 * methods the parsers ask for (a response to HEAD has no body).
 */
final class ParseOnlySinks implements SegmentSinkFactory {
    private final ReassemblyConfig config;
    private final ReassemblyMetrics metrics;
    private final LongAdder requests = new LongAdder();
    private final LongAdder responses = new LongAdder();

    ParseOnlySinks(ReassemblyConfig config, ReassemblyMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    long requests() {
        return requests.sum();
    }

    long responses() {
        return responses.sum();
    }

    @Override
    public SegmentSink create(int worker, int workers) {
        MemoryBudget budget = new MemoryBudget(Math.max(1, config.maxBufferedBytes() / workers));
        ParserLimits limits = config.parserLimits(budget, metrics);
        ConnectionTracker tracker = new ConnectionTracker(config.reassemblyContext(budget, metrics),
                Math.max(1, config.maxConnections() / workers), config.idleTimeout().toNanos() / 1000,
                c -> new ParsingOnly(c, limits, request -> (request ? requests : responses).increment()));
        return new SegmentSink() {
            private long last;

            @Override
            public void onSegment(io.periscope.segment.TcpSegment segment) {
                last = Math.max(last, segment.timestampMicros());
                tracker.onSegment(segment);
            }

            @Override
            public void onTick(long nowMicros) {
                tracker.onTick(nowMicros);
            }

            @Override
            public void onClose() {
                tracker.closeAll(last);
            }
        };
    }
}
