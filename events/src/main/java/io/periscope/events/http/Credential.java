package io.periscope.events.http;

/**
 * A credential seen in an exchange, described without its secret. The secret itself was replaced, where it
 * was found, by the marker {@code [redacted:<scheme>:<fingerprint>]} (see docs/events.md).
 *
 * @param location    where it was carried
 * @param name        the header, cookie or query-parameter name; for {@link Location#BODY} the form or multipart
 *                    field name, or the JSON pointer ({@code /data/accessToken}) of a JSON value; for {@link Location#PATH}
 *                    {@code segment <n>}, the position of the path segment (0 is the first)
 * @param scheme      {@code Bearer}, {@code Basic}, {@code ApiKey}, {@code Cookie}, the Authorization scheme as sent,
 *                    or what redaction recognised: {@code Password}, {@code Token}, {@code Secret}, {@code Signature},
 *                    {@code Session} (by name), {@code Jwt}, {@code AwsAccessKey}, {@code AwsSecretKey},
 *                    {@code PrivateKey}, {@code PasswordHash} (by shape)
 * @param fingerprint keyed fingerprint (hex HMAC-SHA256 with the install's secret, first 16 bytes): a stable
 *                    principal id that cannot be reversed or recomputed without the secret. Equal for the same
 *                    secret in any location and direction, except {@code Password}, which uses a key of its own
 * @param username    the user name of Basic credentials, else null
 * @param jwt         the decoded, unverified JWT header and claims when the credential is a JWT, else null
 * @param direction   whether the request presented it or the response carried it (a token issued at sign-in);
 *                    authentication is judged on {@link Direction#REQUEST} credentials only
 */
public record Credential(Location location, String name, String scheme, String fingerprint, String username, JwtInfo jwt,
                         Direction direction) {

    public enum Location { HEADER, COOKIE, QUERY, BODY, PATH }

    public enum Direction { REQUEST, RESPONSE }

    public Credential {
        // records written before the direction existed held request credentials only
        direction = direction == null ? Direction.REQUEST : direction;
    }

    /** A credential presented by the request. */
    public Credential(Location location, String name, String scheme, String fingerprint, String username, JwtInfo jwt) {
        this(location, name, scheme, fingerprint, username, jwt, Direction.REQUEST);
    }

    public boolean presented() {
        return direction == Direction.REQUEST;
    }
}
