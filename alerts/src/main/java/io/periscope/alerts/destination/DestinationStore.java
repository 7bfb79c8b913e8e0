package io.periscope.alerts.destination;

import io.periscope.alerts.sign.WebhookSecret;
import io.periscope.events.kafka.CompactedTopicView;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.SkipCounter;
import io.periscope.events.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The destinations: those stored on {@code periscope.alert-destinations} (a compacted topic every process reads
 * whole) and those declared in configuration. Writes go to the topic first and then to this process's view, so a
 * read that follows one's own write sees it.
 *
 * <p>Secrets are generated here, sealed with the {@link SecretBox} before they are written, and returned in clear
 * only once, in the {@link Created} of the create or rotate call.
 */
public final class DestinationStore implements AutoCloseable {
    /** Current secret plus one in its grace period; older ones are dropped on rotation. */
    private static final int MAX_SECRETS = 2;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final CompactedTopicView<Destination> view;
    private final KafkaProducer<String, Destination> producer;
    private final SecretBox box;
    private final DestinationRules rules;
    private final Duration rotationGrace;
    private final Map<String, Destination> declared;

    /** A destination with a secret in clear, to show once. */
    public record Created(Destination destination, String secret) {
        @Override
        public String toString() {
            return "Created[" + destination.id() + "]";
        }
    }

    public DestinationStore(Map<String, Object> clientProperties, SecretBox box, DestinationRules rules,
                            Duration rotationGrace, List<DeclaredDestination> declaredDestinations, SkipCounter skips) {
        this.box = box;
        this.rules = rules;
        this.rotationGrace = rotationGrace;
        Map<String, Destination> d = new LinkedHashMap<>();
        for (DeclaredDestination dd : declaredDestinations) {
            rules.check(dd.draft());
            WebhookSecret.parse(dd.secret()); // fails at start on a malformed secret, not at the first alert
            d.put(dd.id(), build(dd.id(), dd.draft(), List.of(new SealedSecret(box.seal(dd.secret(), dd.id()), 0, 0)),
                    dd.draft().routingKey() == null ? null : box.seal(dd.draft().routingKey(), dd.id()), true, 0));
        }
        this.declared = Map.copyOf(d);
        this.view = new CompactedTopicView<>(clientProperties, Topics.ALERT_DESTINATIONS, Destination.class, skips);
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), JsonSerde.of(Destination.class));
    }

    public DestinationStore start() {
        view.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return view.awaitCaughtUp(timeout);
    }

    /** Declared destinations first, then stored ones. */
    public List<Destination> all() {
        List<Destination> out = new ArrayList<>(declared.values());
        Collection<Destination> stored = view.values();
        for (Destination d : stored) {
            if (!declared.containsKey(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    public Optional<Destination> get(String id) {
        Destination d = declared.get(id);
        return d != null ? Optional.of(d) : view.get(id);
    }

    public Created create(DestinationDraft draft, long nowMillis) throws InterruptedException {
        rules.check(draft);
        String id = "dst_" + UUID.randomUUID().toString().replace("-", "");
        WebhookSecret secret = WebhookSecret.generate();
        String plain = secret.reveal();
        Destination d = build(id, draft, List.of(new SealedSecret(box.seal(plain, id), nowMillis, 0)),
                draft.routingKey() == null ? null : box.seal(draft.routingKey(), id), false, nowMillis);
        write(d);
        return new Created(d, plain);
    }

    /** Replaces everything but the id and the secrets; empty when there is no such stored destination. */
    public Optional<Destination> replace(String id, DestinationDraft draft, long nowMillis) throws InterruptedException {
        rejectDeclared(id);
        Optional<Destination> old = view.get(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        rules.check(draft);
        String routingKey = draft.routingKey() == null ? old.get().routingKey() : box.seal(draft.routingKey(), id);
        Destination d = build(id, draft, old.get().secrets(), routingKey, false, nowMillis);
        write(d);
        return Optional.of(d);
    }

    /** A new current secret; the old one keeps signing for the rotation grace period. */
    public Optional<Created> rotate(String id, long nowMillis) throws InterruptedException {
        rejectDeclared(id);
        Optional<Destination> old = view.get(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        WebhookSecret secret = WebhookSecret.generate();
        String plain = secret.reveal();
        List<SealedSecret> secrets = new ArrayList<>();
        secrets.add(new SealedSecret(box.seal(plain, id), nowMillis, 0));
        for (SealedSecret s : old.get().secrets()) {
            if (secrets.size() >= MAX_SECRETS) {
                break;
            }
            if (s.expiresAtMillis() == 0) {
                secrets.add(new SealedSecret(s.sealed(), s.createdAtMillis(), nowMillis + rotationGrace.toMillis()));
            }
        }
        Destination d = old.get().withSecrets(secrets, nowMillis);
        write(d);
        return Optional.of(new Created(d, plain));
    }

    public boolean delete(String id) throws InterruptedException {
        rejectDeclared(id);
        if (view.get(id).isEmpty()) {
            return false;
        }
        send(new ProducerRecord<>(Topics.ALERT_DESTINATIONS, id, null));
        view.putLocal(id, null);
        return true;
    }

    /** The secrets that sign at {@code nowMillis}, current first. */
    public List<WebhookSecret> signingSecrets(Destination d, long nowMillis) {
        List<WebhookSecret> out = new ArrayList<>();
        for (SealedSecret s : d.secrets()) {
            if (s.activeAt(nowMillis)) {
                out.add(WebhookSecret.parse(box.open(s.sealed(), d.id())));
            }
        }
        return out;
    }

    public Optional<String> routingKey(Destination d) {
        return d.routingKey() == null ? Optional.empty() : Optional.of(box.open(d.routingKey(), d.id()));
    }

    private void rejectDeclared(String id) {
        if (declared.containsKey(id)) {
            throw new IllegalArgumentException("destination " + id
                    + " is declared in configuration (periscope.alerts.destinations); change it there");
        }
    }

    private static Destination build(String id, DestinationDraft draft, List<SealedSecret> secrets, String routingKey,
                                     boolean declared, long nowMillis) {
        return new Destination(Destination.SCHEMA_VERSION, id, draft.name().trim(), draft.url(), draft.format(),
                draft.events(), draft.minSeverity(), draft.services(), draft.enabled() == null || draft.enabled(),
                draft.headers(), secrets, routingKey, declared, nowMillis);
    }

    private void write(Destination d) throws InterruptedException {
        send(new ProducerRecord<>(Topics.ALERT_DESTINATIONS, d.id(), d));
        view.putLocal(d.id(), d);
    }

    private void send(ProducerRecord<String, Destination> record) throws InterruptedException {
        try {
            producer.send(record).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write the destination to " + Topics.ALERT_DESTINATIONS, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        producer.close(Duration.ofSeconds(5));
        view.close();
    }
}
