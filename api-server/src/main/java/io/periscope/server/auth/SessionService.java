package io.periscope.server.auth;

import io.micronaut.context.annotation.Context;
import io.periscope.events.auth.UiSession;
import io.periscope.events.kafka.CompactedTopicView;
import io.periscope.events.kafka.Topics;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Web UI sessions, shared by every API server through the compacted {@code periscope.sessions}
 * topic, so a user signed in on one server is signed in on all, and signing out ends the session
 * everywhere. The session id lives only in the browser's HttpOnly cookie; Kafka holds its digest.
 */
@Context
public class SessionService implements AutoCloseable {
    private final CompactedTopicView<UiSession> view;
    private final KafkaRecordWriter writer;
    private final TokenService tokens;
    private final Duration ttl;

    public SessionService(KafkaRuntime kafka, TokenService tokens, PeriscopeSettings settings) throws InterruptedException {
        this.view = new CompactedTopicView<>(kafka.clientProperties(), Topics.SESSIONS, UiSession.class).start();
        this.writer = new KafkaRecordWriter(kafka.clientProperties());
        this.tokens = tokens;
        this.ttl = settings.auth().sessionTtl();
        if (!view.awaitCaughtUp(Duration.ofSeconds(60))) {
            throw new IllegalStateException("could not read " + Topics.SESSIONS + " within 60s");
        }
    }

    /** A new session; {@code sessionId} goes into the cookie and nowhere else. */
    public record OpenedSession(String sessionId, String csrfToken, Duration ttl) {
        @Override
        public String toString() {
            return "OpenedSession[ttl=" + ttl + "]";
        }
    }

    public OpenedSession open(Principal principal) {
        String sessionId = Secrets.random(32);
        long now = nowMicros();
        UiSession session = new UiSession(UiSession.SCHEMA_VERSION, principal.tokenId(), now, now + ttl.toNanos() / 1000);
        String key = key(sessionId);
        writer.write(Topics.SESSIONS, key, session, UiSession.class);
        view.putLocal(key, session);
        return new OpenedSession(sessionId, csrfToken(sessionId), ttl);
    }

    /** The principal of a live session whose token still exists. */
    public Optional<Principal> resolve(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        return view.get(key(sessionId))
                .filter(s -> s.expiresMicros() > nowMicros())
                .flatMap(s -> tokens.byId(s.tokenId()))
                .map(t -> new Principal(t.id(), t.name(), AccessRole.parse(t.role()), sessionId));
    }

    public void close(String sessionId) {
        String key = key(sessionId);
        writer.write(Topics.SESSIONS, key, null, UiSession.class);
        view.putLocal(key, null);
    }

    /**
     * The CSRF token of a session: derived from the session id, so any server can check it without
     * storing it, and unknowable to a page that cannot read the HttpOnly cookie.
     */
    public static String csrfToken(String sessionId) {
        return Secrets.sha256Hex("periscope-csrf:" + sessionId);
    }

    private static String key(String sessionId) {
        return Secrets.sha256Hex("periscope-session:" + sessionId);
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        writer.close();
        view.close();
    }
}
