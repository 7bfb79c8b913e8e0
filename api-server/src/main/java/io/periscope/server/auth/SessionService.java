package io.periscope.server.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.periscope.events.auth.UiSession;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.store.SharedRecords;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Web UI sessions, shared by every API server through the compacted {@code periscope.sessions}
 * topic, so a user signed in on one server is signed in on all, and signing out ends the session
 * everywhere. The session id lives only in the browser's HttpOnly cookie; Kafka holds its digest.
 */
@Context
public class SessionService implements AutoCloseable {
    private final SharedRecords<UiSession> sessions;
    private final TokenService tokens;
    private final Duration ttl;
    private final InstantSource clock;

    public SessionService(KafkaRuntime kafka, TokenService tokens, PeriscopeSettings settings, InstantSource clock, MeterRegistry registry)
            throws InterruptedException {
        this.sessions = new SharedRecords<>(kafka.clientProperties(), Topics.SESSIONS, UiSession.class, settings.api().recordSize(), registry);
        this.tokens = tokens;
        this.ttl = settings.auth().sessionTtl();
        this.clock = clock;
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
        long now = EpochMicros.now(clock);
        UiSession session = new UiSession(UiSession.SCHEMA_VERSION, principal.tokenId(), now, now + ttl.toNanos() / 1000);
        String key = key(sessionId);
        sessions.put(key, session);
        return new OpenedSession(sessionId, csrfToken(sessionId), ttl);
    }

    /** The principal of a live session whose token still exists. */
    public Optional<Principal> resolve(String sessionId) {
        if (sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        return sessions.get(key(sessionId))
                .filter(s -> s.expiresMicros() > EpochMicros.now(clock))
                .flatMap(s -> tokens.byId(s.tokenId()))
                .map(t -> new Principal(t.id(), t.name(), AccessRole.parse(t.role()), sessionId));
    }

    public void close(String sessionId) {
        String key = key(sessionId);
        sessions.remove(key);
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


    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        sessions.close();
    }
}
