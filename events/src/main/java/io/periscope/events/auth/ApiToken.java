package io.periscope.events.auth;

import io.periscope.events.Versioned;

/**
 * An API token as stored on {@code periscope.tokens} (compacted, keyed by {@code id}). The token
 * itself is never stored: only its SHA-256, which is enough to recognise it and useless to forge it.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param id            public id of the token (shown in the UI, used to revoke it)
 * @param name          what the token is for, as given by the admin who created it
 * @param role          {@code viewer}, {@code operator} or {@code admin}
 * @param tokenSha256   hex SHA-256 of the token string
 * @param createdMicros creation time, microseconds since the epoch
 * @param createdBy     id of the token that created this one, or {@code bootstrap}
 */
public record ApiToken(int schemaVersion, String id, String name, String role, String tokenSha256,
                       long createdMicros, String createdBy) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}
