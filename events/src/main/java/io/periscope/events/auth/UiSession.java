package io.periscope.events.auth;

import io.periscope.events.Versioned;

/**
 * A signed-in web UI session as stored on {@code periscope.sessions} (compacted, keyed by the hex
 * SHA-256 of the session id; a tombstone signs the session out everywhere). The session id itself,
 * a bearer secret held only in the browser's HttpOnly cookie, is never stored.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param tokenId       the API token the user signed in with; revoking it ends the session
 * @param createdMicros sign-in time, microseconds since the epoch
 * @param expiresMicros end of the session, microseconds since the epoch
 */
public record UiSession(int schemaVersion, String tokenId, long createdMicros, long expiresMicros) implements Versioned {
    public static final int SCHEMA_VERSION = 1;
}
