package io.periscope.reassembly.exchange;

import io.periscope.events.http.HttpExchange;
import io.periscope.events.log.ThrottledLogger;
import io.periscope.reassembly.ReassemblyMetrics;
import io.periscope.reassembly.http.HttpMessage;
import io.periscope.reassembly.http.ParserLimits;
import io.periscope.reassembly.publish.ExchangeSink;
import io.periscope.reassembly.tcp.MemoryBudget;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * What the conversations of one worker share: parser limits, the exchange factory and the sink. Every
 * exchange a conversation emits is counted here exactly once, by pairing (and reason when unpaired),
 * before it is built, so that a failure to build or to hand it over is a named drop, not a gap in
 * {@code messages → exchanges}. Single-threaded, like its worker.
 */
public final class WorkerExchanges {
    private static final ThrottledLogger SINK_ERRORS =
            new ThrottledLogger(LoggerFactory.getLogger(WorkerExchanges.class), Duration.ofSeconds(30));

    private final int index;
    private final ParserLimits limits;
    private final ExchangeFactory factory;
    private final ExchangeSink sink;
    private final int maxPendingRequests;
    /** Requests of this worker's connections awaiting a response; published to the shared gauge on tick. */
    private long pendingRequests;
    private long publishedPending;

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
    ReassemblyMetrics metrics() { return limits.metrics(); }
    MemoryBudget budget() { return limits.budget(); }
    int maxPendingRequests() { return maxPendingRequests; }

    void requestPending() { pendingRequests++; }
    void requestAnswered() { pendingRequests--; }

    /** Adds this worker's change of pending requests to the shared gauge (on tick and close, never per message). */
    public void publishPending() {
        limits.metrics().pendingRequestsChanged(pendingRequests - publishedPending);
        publishedPending = pendingRequests;
    }

    /**
     * Counts, builds and hands over one exchange.
     *
     * @param unpaired why only one side is present; null when both are
     */
    void emit(ConnectionInfo info, long ordinal, HttpMessage request, HttpMessage response, boolean midstream,
              UnpairedReason unpaired) {
        ReassemblyMetrics metrics = limits.metrics();
        if (request != null && response != null) {
            metrics.paired();
        } else {
            if (request != null) {
                metrics.unpairedRequest();
            } else {
                metrics.unpairedResponse();
            }
            metrics.unpaired(unpaired);
        }
        HttpExchange exchange;
        try {
            exchange = factory.build(info, ordinal, request, response, midstream);
        } catch (RuntimeException e) {
            metrics.buildFailure();
            SINK_ERRORS.warn("building an exchange failed (further failures counted, logged at most every 30 s)", e);
            return;
        }
        try {
            sink.accept(exchange);
        } catch (RuntimeException e) {
            metrics.sinkFailure();
            SINK_ERRORS.warn("exchange sink failed (further failures counted, logged at most every 30 s)", e);
        }
    }
}
