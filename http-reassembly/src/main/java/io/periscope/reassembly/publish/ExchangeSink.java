package io.periscope.reassembly.publish;

import io.periscope.events.http.HttpExchange;

/**
 * Where reassembly hands finished exchanges. Called from reassembly worker threads (several at
 * once): an implementation must be thread-safe and must never block, because blocking here would
 * stall packet processing.
 */
@FunctionalInterface
public interface ExchangeSink {
    void accept(HttpExchange exchange);
}
