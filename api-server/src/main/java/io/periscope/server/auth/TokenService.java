package io.periscope.server.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.periscope.events.auth.ApiToken;
import io.periscope.events.kafka.Topics;
import io.periscope.events.time.EpochMicros;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.kafka.KafkaRuntime;
import io.periscope.server.store.SharedRecords;
import jakarta.annotation.PreDestroy;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * API tokens, shared by every API server through the compacted {@code periscope.tokens} topic.
 * Only SHA-256 digests of tokens are stored; a token is shown once, when it is created.
 */
@Context
public class TokenService implements AutoCloseable {
    /** Prefix of generated tokens, so that secret scanners recognise a leaked one. */
    static final String PREFIX = "psc_";

    private final SharedRecords<ApiToken> tokens;
    private final InstantSource clock;

    public TokenService(KafkaRuntime kafka, PeriscopeSettings settings, InstantSource clock, MeterRegistry registry) throws InterruptedException {
        this.tokens = new SharedRecords<>(kafka.clientProperties(), Topics.TOKENS, ApiToken.class, settings.api().recordSize(), registry);
        this.clock = clock;
    }

    /** A token and its record; {@code token} is the only copy of the secret. */
    public record IssuedToken(String token, ApiToken record) {
        @Override
        public String toString() {
            return "IssuedToken[id=" + record.id() + ", role=" + record.role() + "]";
        }
    }

    public IssuedToken create(String name, AccessRole role, String createdBy) {
        return register(PREFIX + Secrets.random(32), name, role, createdBy);
    }

    /** Registers a token chosen elsewhere (PERISCOPE_ADMIN_TOKEN); idempotent for the same token. */
    public IssuedToken register(String token, String name, AccessRole role, String createdBy) {
        String digest = Secrets.sha256Hex(token);
        Optional<ApiToken> existing = findByDigest(digest);
        if (existing.isPresent()) {
            return new IssuedToken(token, existing.get());
        }
        String id = "tok_" + Secrets.random(9);
        ApiToken record = new ApiToken(ApiToken.SCHEMA_VERSION, id, name, role.wireName(), digest,
                EpochMicros.now(clock), createdBy);
        tokens.put(id, record);
        return new IssuedToken(token, record);
    }

    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return findByDigest(Secrets.sha256Hex(token)).map(t -> new Principal(t.id(), t.name(), AccessRole.parse(t.role()), null));
    }

    public Optional<ApiToken> byId(String id) {
        return tokens.get(id);
    }

    public List<ApiToken> list() {
        return tokens.values().stream().sorted(Comparator.comparingLong(ApiToken::createdMicros)).toList();
    }

    /** Revokes a token everywhere; sessions opened with it end as well. */
    public boolean revoke(String id) {
        if (tokens.get(id).isEmpty()) {
            return false;
        }
        tokens.remove(id);
        return true;
    }

    public boolean anyAdmin() {
        return tokens.values().stream().anyMatch(t -> AccessRole.ADMIN.wireName().equals(t.role()));
    }

    private Optional<ApiToken> findByDigest(String digest) {
        // Few tokens exist; a linear constant-time comparison avoids a timing side channel on the digest.
        ApiToken match = null;
        for (ApiToken t : tokens.values()) {
            if (Secrets.constantTimeEquals(t.tokenSha256(), digest)) {
                match = t;
            }
        }
        return Optional.ofNullable(match);
    }


    @PreDestroy
    @Override
    public void close() throws InterruptedException {
        tokens.close();
    }
}
