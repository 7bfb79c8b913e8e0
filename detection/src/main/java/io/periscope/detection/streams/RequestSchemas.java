package io.periscope.detection.streams;

import io.periscope.detection.behaviour.Finding;
import io.periscope.detection.behaviour.MassAssignmentDetector;
import io.periscope.detection.behaviour.MassAssignmentSettings;
import io.periscope.detection.behaviour.RequestSchema;
import io.periscope.events.detection.Detector;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.HttpExchange;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Mass assignment in the principals step: write endpoints are keyed by service, like the exchanges, so each
 * endpoint's learned request schema lives on the service partition where its whole exchanges (bodies included) are,
 * in {@link DetectionTopology#SCHEMAS_STORE} (changelogged; one small {@link RequestSchema} per write endpoint, written
 * only when it changes). Only JSON writes (POST, PUT, PATCH) are read. A finding becomes a behaviour signal of the
 * exchange, attributed to its actor like a signature's.
 */
final class RequestSchemas {
    private final MassAssignmentDetector detector;
    private final KeyValueStore<String, byte[]> store;
    private final DetectionMetrics metrics;
    private final StoredBinary<RequestSchema> codec = new StoredBinary<>(RequestSchema.class, RequestSchema.BINARY);

    RequestSchemas(MassAssignmentSettings settings, KeyValueStore<String, byte[]> store, DetectionMetrics metrics) {
        this.detector = new MassAssignmentDetector(settings);
        this.store = store;
        this.metrics = metrics;
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
        byte[] stored = store.get(key);
        RequestSchema schema = stored == null ? null : codec.read(stored);
        if (stored != null && schema == null) {
            metrics.keyedStateUnreadable(DetectionTopology.SCHEMAS_STORE);
        }
        if (schema == null) {
            schema = new RequestSchema();
        }
        byte[] response = exchange.response().body().holdsJson() ? exchange.response().body().content() : new byte[0];
        MassAssignmentDetector.Verdict v = detector.judge(schema, new MassAssignmentDetector.Write(timeMicros,
                exchange.request().method(), template, actorId, principals.user(), exchange.response().status(),
                exchange.request().body().content(), response));
        if (v.schemaChanged()) {
            store.put(key, codec.write(schema));
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
