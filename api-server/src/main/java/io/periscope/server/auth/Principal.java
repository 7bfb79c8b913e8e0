package io.periscope.server.auth;

/**
 * Who is making a request.
 *
 * @param tokenId   id of the API token (directly, or the one the session was opened with)
 * @param tokenName the token's name
 * @param role      what it may do
 * @param sessionId the UI session id when authenticated by cookie, else null
 */
public record Principal(String tokenId, String tokenName, AccessRole role, String sessionId) {
    public static final String ATTRIBUTE = "periscope.principal";

    public boolean viaSession() {
        return sessionId != null;
    }
}
