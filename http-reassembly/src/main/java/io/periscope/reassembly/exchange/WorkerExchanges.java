package io.periscope.reassembly.exchange;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.log.ThrottledLogger;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.publish.ExchangeSink;
import io.periscope.reassembly.tcp.MemoryBudget;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/** What the conversations of one worker share: parser limits, the exchange factory and the sink. */
public final class WorkerExchanges {
    private static final ThrottledLogger SINK_ERRORS =
            new ThrottledLogger(LoggerFactory.getLogger(WorkerExchanges.class), Duration.ofSeconds(30));

    private final int index;
    private final ParserLimits limits;
    private final ExchangeFactory factory;
    private final ExchangeSink sink;
    private final int maxPendingRequests;

    public WorkerExchanges(int index, ParserLimits limits, ExchangeFactory factory, ExchangeSink sink,
                           int maxPendingRequests) {
        this.index = index;
        this.limits = limits;
        this.factory = factory;
        this.sink = sink;
        this.maxPendingRequests = maxPendingRequests;
    }

    int index() { return index; }
    ParserLimits limits() { return limits; }
    ExchangeFactory factory() { return factory; }
    ReassemblyMetrics metrics() { return limits.metrics(); }
    MemoryBudget budget() { return limits.budget(); }
    int maxPendingRequests() { return maxPendingRequests; }

    void publish(HttpExchange exchange) {
        try {
            sink.accept(exchange);
        } catch (RuntimeException e) {
            limits.metrics().sinkFailure();
            SINK_ERRORS.warn("exchange sink failed (further failures counted, logged at most every 30 s)", e);
        }
    }
}
