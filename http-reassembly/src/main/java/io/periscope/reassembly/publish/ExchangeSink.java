package io.periscope.reassembly.publish;

import io.periscope.events.http.HttpExchange;

/**
 * Where reassembly hands finished exchanges. Called from reassembly worker threads (several at
 * once): an implementation must be thread-safe. For a live source it must never block, because
 * blocking would stall packet processing and the receive rings would drop; for a file source it
 * should block when it cannot keep up ({@link Backpressure#BLOCK}), which holds the worker, fills its
 * ring and so slows the file reader: that is how file replay loses nothing.
 */
@FunctionalInterface
public interface ExchangeSink {
    void accept(HttpExchange exchange);
}
