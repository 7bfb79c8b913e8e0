package io.periscope.detection.streams;

import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;

import java.util.List;

/**
 * Where the signature detectors plug into the topology: called once per exchange, on the exchange's service
 * partition (where the whole exchange is at hand), before the exchange is reduced to an observation and re-keyed by
 * actor. Returned signals must carry {@code actorId} and a stable id (a replayed exchange yields the same ids); the
 * topology publishes them to {@code periscope.signals} and correlates them into the actor's incident.
 * Called on a stream thread: an implementation must be bounded in time and thread-confined or stateless.
 */
@FunctionalInterface
public interface ExchangeSignatures {

    /** No signature detection (until a signature engine is wired in). */
    ExchangeSignatures NONE = (exchange, principals, actorId) -> List.of();

    List<Signal> inspect(HttpExchange exchange, Principals principals, String actorId);
}
