package io.periscope.detection.streams;

import io.periscope.detection.signature.engine.SignatureEngine;
import io.periscope.detection.signature.engine.SignatureFinding;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Outcome;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Severity;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.Timings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The signature engine plugged into the topology: one {@link Signal} per finding of the exchange's request, attributed
 * to the exchange's actor. The id hashes the exchange id, the attack class and the location, so a replayed exchange
 * yields the same signals. The engine is stateless apart from its counters, so one instance serves every stream thread.
 */
public final class EngineSignatures implements ExchangeSignatures {
    /** A signal names the request path; a longer one is cut (the evidence carries what matched). */
    static final int MAX_PATH = 512;

    private final SignatureEngine engine;

    public EngineSignatures(SignatureEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public List<Signal> inspect(HttpExchange exchange, Principals principals, String actorId) {
        if (exchange.request() == null) {
            return List.of();
        }
        List<SignatureFinding> findings = engine.inspect(exchange);
        if (findings.isEmpty()) {
            return List.of();
        }
        String path = exchange.request().path();
        if (path != null && path.length() > MAX_PATH) {
            path = path.substring(0, MAX_PATH);
        }
        long at = time(exchange.timings());
        List<Signal> signals = new ArrayList<>(findings.size());
        for (SignatureFinding f : findings) {
            String location = f.location().kind() + (f.location().name() == null ? "" : " " + f.location().name());
            String id = ActorProcessor.id(exchange.id() + '|' + f.attackClass() + '|' + location);
            signals.add(new Signal(Signal.SCHEMA_VERSION, id, actorId, Detector.SIGNATURE, f.attackClass().name(),
                    severity(f.severity()), f.confidence(), outcome(f), principals, exchange.serviceKey(), null,
                    exchange.request().method(), path, exchange.id(), location, f.evidence(),
                    "rule " + f.rule() + ", answer " + f.outcome(), at));
        }
        return signals;
    }

    private static long time(Timings t) {
        return t.requestStartMicros() != Timings.UNKNOWN ? t.requestStartMicros() : t.responseStartMicros();
    }

    private static Severity severity(io.periscope.detection.signature.engine.Severity s) {
        return Severity.valueOf(s.name());
    }

    /** The engine's fine-grained answer classes folded into the contract's three outcomes. */
    private static Outcome outcome(SignatureFinding f) {
        return switch (f.outcome()) {
            case REFUSED -> Outcome.PROBE;
            case LARGE_ANSWER, REVEALING -> Outcome.LIKELY_SUCCESS;
            case UNANSWERED, REDIRECTED, SERVER_ERROR, ANSWERED -> Outcome.ATTEMPTED;
        };
    }
}
