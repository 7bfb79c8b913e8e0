package io.periscope.detection.streams;

import io.periscope.detection.behaviour.Finding;
import io.periscope.detection.behaviour.MassAssignmentDetector;
import io.periscope.detection.behaviour.MassAssignmentSettings;
import io.periscope.detection.behaviour.RequestSchema;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.kafka.streams.CommitHookStore;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Mass assignment in the principals step: write endpoints are keyed by service, like the exchanges, so each
 * endpoint's learned request schema lives on the service partition where its whole exchanges (bodies included) are,
 * in {@link DetectionTopology#SCHEMAS_STORE} (changelogged; one small {@link RequestSchema} per write endpoint). The
 * schemas live in a {@link WriteBehindCache} between commits: in its warm-up a schema learns from every write, and
 * reading and writing it through the store per request showed in the stream thread's profile. Only JSON writes
 * (POST, PUT, PATCH) are read. A finding becomes a behaviour signal of the
 * exchange, attributed to its actor like a signature's.
 */
final class RequestSchemas {
    /**
     * Schemas a task keeps in memory: one per write endpoint (service, method, template) of its services, tens to
     * hundreds for an API; beyond it the least recently used is written back and dropped.
     */
    static final int CACHED_SCHEMAS = 10_000;

    private final MassAssignmentDetector detector;
    private final WriteBehindCache<RequestSchema> schemas;

    /**
     * @param hook runs before the task commits its stores: the schemas changed since the last commit are written
     *             then (the store and its changelog see each schema once per commit, not once per write request)
     */
    RequestSchemas(MassAssignmentSettings settings, KeyValueStore<String, byte[]> store, CommitHookStore hook,
                   DetectionMetrics metrics) {
        this.detector = new MassAssignmentDetector(settings);
        StoredBinary<RequestSchema> codec = new StoredBinary<>(RequestSchema.class, RequestSchema.BINARY);
        this.schemas = new WriteBehindCache<>(store, codec::read, codec::write,
                () -> metrics.keyedStateUnreadable(DetectionTopology.SCHEMAS_STORE), CACHED_SCHEMAS);
        hook.onFlush(schemas::flush);
    }

    /** The mass-assignment signal of the exchange, or null. */
    Signal inspect(HttpExchange exchange, Principals principals, String actorId, String template, long timeMicros) {
        if (exchange.request() == null || exchange.response() == null
                || !MassAssignmentDetector.isWrite(exchange.request().method())
                || exchange.request().body().content().length == 0 || !exchange.request().body().holdsJson()) {
            return null;
        }
        String key = exchange.serviceKey() + '|' + exchange.request().method().toUpperCase(java.util.Locale.ROOT) + '|'
                + template;
        RequestSchema schema = schemas.get(key, RequestSchema::new);
        byte[] response = exchange.response().body().holdsJson() ? exchange.response().body().content() : new byte[0];
        MassAssignmentDetector.Verdict v = detector.judge(schema, new MassAssignmentDetector.Write(timeMicros,
                exchange.request().method(), template, actorId, principals.user(), exchange.response().status(),
                exchange.request().body().content(), response));
        if (v.schemaChanged()) {
            schemas.changed(key);
        }
        Finding f = v.finding();
        if (f == null) {
            return null;
        }
        String id = ActorProcessor.id(exchange.id() + '|' + f.type());
        return new Signal(Signal.SCHEMA_VERSION, id, actorId, Detector.BEHAVIOUR, f.type().name(), f.severity(),
                f.confidence(), f.outcome(), principals, exchange.serviceKey(), null, exchange.request().method(),
                template, exchange.id(), "BODY", null, f.explanation(), timeMicros);
    }
}
