package io.periscope.events.http;

/**
 * A credential presented by a request, described without its secret.
 *
 * @param location    where it was carried
 * @param name        the header, cookie or query-parameter name
 * @param scheme      {@code Bearer}, {@code Basic}, {@code ApiKey}, {@code Cookie}, or the Authorization scheme as sent
 * @param fingerprint keyed fingerprint (hex HMAC-SHA256 with the install's secret, first 16 bytes): a stable
 *                    principal id that cannot be reversed or recomputed without the secret
 * @param username    the user name of Basic credentials, else null
 * @param jwt         the decoded, unverified JWT header and claims when the credential is a JWT, else null
 */
public record Credential(Location location, String name, String scheme, String fingerprint, String username, JwtInfo jwt) {

    public enum Location { HEADER, COOKIE, QUERY }
}
