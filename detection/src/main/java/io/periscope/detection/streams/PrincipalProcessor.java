package io.periscope.detection.streams;

import io.periscope.detection.behaviour.BehaviourSettings;
import io.periscope.detection.behaviour.ObjectAccess;
import io.periscope.detection.behaviour.Observation;
import io.periscope.detection.endpoint.PathTemplate;
import io.periscope.detection.endpoint.PathTemplates;
import io.periscope.detection.principal.ClientFingerprint;
import io.periscope.detection.principal.CredentialLinks;
import io.periscope.detection.principal.PrincipalExtractor;
import io.periscope.detection.principal.PrincipalSettings;
import io.periscope.detection.principal.SignIn;
import io.periscope.detection.principal.SignInReader;
import io.periscope.events.detection.Principals;
import io.periscope.events.detection.Signal;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.Timings;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * The first step, on the exchange's service partition: names the principals and the actor of an exchange, runs the
 * signature detectors over the whole exchange, and forwards a small {@link Observation} keyed by actor id (the
 * topology then repartitions by that key). Learns credential → user links from successful sign-ins into
 * {@link DetectionTopology#LINKS_STORE} (changelogged, so a restart keeps them). The forwarded record's timestamp
 * is the exchange's capture time, so stream time downstream is event time.
 */
final class PrincipalProcessor implements Processor<String, HttpExchange, String, ActorInput> {
    private static final int MAX_AGENT_CHARS = 256;

    private final PrincipalExtractor extractor;
    private final SignInReader signIns;
    private final PrincipalSettings principalSettings;
    private final BehaviourSettings behaviour;
    private final ExchangeSignatures signatures;
    private final DetectionMetrics metrics;
    private ProcessorContext<String, ActorInput> context;
    private KeyValueStore<String, String> store;
    private CredentialLinks links;
    private RequestSchemas schemas;

    PrincipalProcessor(PrincipalSettings principalSettings, BehaviourSettings behaviour, ExchangeSignatures signatures,
                       DetectionMetrics metrics) {
        this.principalSettings = principalSettings;
        this.extractor = new PrincipalExtractor(principalSettings);
        this.signIns = new SignInReader(principalSettings.loginFields());
        this.behaviour = behaviour;
        this.signatures = signatures;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ActorInput> context) {
        this.context = context;
        this.store = context.getStateStore(DetectionTopology.LINKS_STORE);
        this.links = new CredentialLinks(principalSettings.maxLinks(), store::delete);
        this.schemas = new RequestSchemas(behaviour.massAssignment(), context.getStateStore(DetectionTopology.SCHEMAS_STORE),
                context.getStateStore(DetectionTopology.PRINCIPALS_COMMIT_HOOK_STORE), metrics);
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(kv -> links.link(kv.key, kv.value));
        }
    }

    @Override
    public void process(Record<String, HttpExchange> record) {
        HttpExchange exchange = record.value();
        if (exchange == null) {
            return;
        }
        metrics.observed();
        Principals principals = extractor.extract(exchange, links);
        String actorId = PrincipalExtractor.actorId(principals);
        SignIn signIn = signIns.read(exchange);
        int status = exchange.response() == null ? 0 : exchange.response().status();
        if (signIn != null && signIn.login() != null && status >= 200 && status < 300) {
            String issued = PrincipalExtractor.issuedCredential(exchange);
            if (issued != null && links.link(issued, signIn.login())) {
                store.put(issued, signIn.login());
            }
        }
        HttpRequest request = exchange.request();
        PathTemplate path = PathTemplates.of(request == null ? null : request.path());
        boolean signInEndpoint = signIn != null || behaviour.signInPaths().contains(path.template());
        long time = time(exchange.timings(), record.timestamp());
        List<Signal> found = signatures.inspect(exchange, principals, actorId);
        Signal massAssignment = schemas.inspect(exchange, principals, actorId, path.template(), time);
        if (massAssignment != null) {
            found = new java.util.ArrayList<>(found);
            found.add(massAssignment);
        }
        Observation o = new Observation(exchange.id(), actorId, exchange.serviceKey(), time,
                request == null ? null : request.method(), path.template(), path.objectId(), status,
                exchange.response() == null ? 0 : exchange.response().body().wireLength(), agent(request), principals,
                jwt(exchange), signIn, signInEndpoint, found, signInEndpoint ? ClientFingerprint.of(request) : null,
                ObjectAccess.createdId(request == null ? null : request.method(), status,
                        exchange.response() == null ? null : exchange.response().body()));
        context.forward(new Record<>(actorId, new ActorInput(o, null), time / 1000));
    }

    private static long time(Timings t, long recordMillis) {
        long first = t.firstSeenMicros();
        return first != Timings.UNKNOWN ? first : recordMillis * 1000;
    }

    private static String agent(HttpRequest request) {
        if (request == null) {
            return null;
        }
        List<String> values = request.headerValues("User-Agent");
        if (values.isEmpty()) {
            return null;
        }
        String ua = values.get(0);
        return ua.length() > MAX_AGENT_CHARS ? ua.substring(0, MAX_AGENT_CHARS) : ua;
    }

    private static JwtInfo jwt(HttpExchange exchange) {
        for (Credential c : exchange.authenticationCredentials()) {
            if (c.jwt() != null) {
                return c.jwt();
            }
        }
        return null;
    }
}
