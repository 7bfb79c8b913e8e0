package io.periscope.benchmarks.sensor;

import io.periscope.reassembly.ReassemblyConfig;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.http.HttpMessage;
import io.periscope.reassembly.http.HttpStreamParser;
import io.periscope.reassembly.http.MessageListener;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.http.Role;
import io.periscope.reassembly.tcp.CloseReason;
import io.periscope.reassembly.tcp.ConnectionHandler;
import io.periscope.reassembly.tcp.ConnectionTracker;
import io.periscope.reassembly.tcp.MemoryBudget;
import io.periscope.reassembly.tcp.ReassemblyContext;
import io.periscope.reassembly.tcp.StreamConsumer;
import io.periscope.reassembly.tcp.TcpConnection;
import io.periscope.segment.SegmentSink;
import io.periscope.segment.SegmentSinkFactory;
import java.util.ArrayDeque;
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
        ParserLimits limits = new ParserLimits(config.maxLineLength(), config.maxHeaderCount(), config.maxHeaderBytes(),
                config.maxBodyBytes(), config.maxScanBytes(), config.maxDetectBytes(), budget, metrics);
        ReassemblyContext ctx = new ReassemblyContext(metrics, budget, config.maxOutOfOrderBytes(),
                config.reorderWindowSegments(), config.reorderWindow().toNanos() / 1000);
        ConnectionTracker tracker = new ConnectionTracker(ctx, Math.max(1, config.maxConnections() / workers),
                config.idleTimeout().toNanos() / 1000, c -> new Counting(c, limits));
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

    /** One connection's two parsers; each message is counted and let go. */
    private final class Counting implements ConnectionHandler, MessageListener {
        private final TcpConnection conn;
        private final HttpStreamParser p0;
        private final HttpStreamParser p1;
        private final ArrayDeque<String> methods = new ArrayDeque<>(2);

        Counting(TcpConnection conn, ParserLimits limits) {
            this.conn = conn;
            this.p0 = new HttpStreamParser(0, this, limits);
            this.p1 = new HttpStreamParser(1, this, limits);
        }

        @Override
        public StreamConsumer consumer(int direction) {
            return direction == 0 ? p0 : p1;
        }

        @Override
        public void onClose(CloseReason reason, long micros) {
            methods.clear();
        }

        @Override
        public void onMessage(int direction, HttpMessage message) {
            if (message.request()) {
                requests.increment();
                methods.addLast(message.method());
            } else {
                responses.increment();
                methods.pollFirst();
            }
        }

        @Override
        public void onRoleDetected(int direction, boolean requests) {
            conn.orient(requests ? direction : 1 - direction);
        }

        @Override
        public String pendingRequestMethod() {
            return methods.peekFirst();
        }

        @Override
        public void onFramingLost(int direction) {
        }

        @Override
        public void onProtocolSwitch() {
            p0.stop();
            p1.stop();
        }

        @Override
        public Role role(int direction) {
            int client = conn.clientDirection();
            return client == TcpConnection.UNKNOWN ? Role.UNKNOWN : client == direction ? Role.REQUESTS : Role.RESPONSES;
        }
    }
}
