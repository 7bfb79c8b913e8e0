package io.periscope.events.http;

import io.periscope.events.Versioned;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One HTTP/1.x exchange recovered from mirrored traffic: a request, its response, or both.
 *
 * <p>Published to {@code periscope.exchanges}, keyed by {@link #serviceKey()} so that every exchange
 * of one API service lands on one partition, in the order the reassembler emitted it.
 *
 * <p>Invariants:
 * <ul>
 *   <li>at least one of {@link #request()} and {@link #response()} is non-null; a missing side is
 *       flagged {@link ExchangeFlag#UNPAIRED_REQUEST} or {@link ExchangeFlag#UNPAIRED_RESPONSE};</li>
 *   <li>no raw credential is ever present: credentials in headers, cookies, query parameters and bodies, in
 *       both directions, carry a redaction marker in place of the value and are described in
 *       {@link #credentials()}; sensitive values carry a masking marker (docs/events.md);</li>
 *   <li>all timestamps are the packets' own capture timestamps, never the collector's clock.</li>
 * </ul>
 *
 * @param schemaVersion   {@link #SCHEMA_VERSION} at the time of writing; consumers reject newer majors
 * @param id              unique id of the exchange: connection id plus its ordinal on the connection
 * @param source          where the packets came from (mirror session, VNI, receiver)
 * @param connection      the TCP connection, oriented client → server
 * @param clientIp        the resolved client address (see {@link ClientIpSource}), never an untrusted left-most XFF entry
 * @param clientIpSource  which evidence {@code clientIp} was taken from
 * @param serverHost      the Host header (lower-cased, without default port), else {@code serverAddress:serverPort}
 * @param request         the request, or null when only a response was seen
 * @param response        the final (non-1xx) response, or null when none was seen
 * @param timings         capture timestamps of the message boundaries
 * @param flags           anomalies that affected this exchange
 * @param credentials     credentials of the request, then of the response, fingerprinted, never raw
 */
public record HttpExchange(
        int schemaVersion,
        String id,
        MirrorSource source,
        Connection connection,
        String clientIp,
        ClientIpSource clientIpSource,
        String serverHost,
        HttpRequest request,
        HttpResponse response,
        Timings timings,
        Set<ExchangeFlag> flags,
        List<Credential> credentials) implements Versioned {

    /** Version of this record's shape. Bump on any incompatible change and document it in docs/events.md. */
    public static final int SCHEMA_VERSION = 1;

    public HttpExchange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(serverHost, "serverHost");
        Objects.requireNonNull(timings, "timings");
        if (request == null && response == null) {
            throw new IllegalArgumentException("an exchange needs a request, a response, or both");
        }
        flags = flags == null ? Set.of() : Set.copyOf(flags);
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** The Kafka key of this exchange: one API service (mirror session + host). */
    public String serviceKey() {
        return serviceKey(source.session(), serverHost);
    }

    public static String serviceKey(String session, String serverHost) {
        return session + '|' + serverHost;
    }

    /**
     * The credentials the request presented in its header section or target (headers, cookies, query): what
     * authentication is judged on. Credentials a response issued, and those in a request body (a password
     * submitted at sign-in), are data of the call, not its authentication.
     */
    public List<Credential> authenticationCredentials() {
        if (credentials.isEmpty()) {
            return credentials;
        }
        return credentials.stream().filter(c -> c.presented() && c.location() != Credential.Location.BODY
                && c.location() != Credential.Location.PATH).toList();
    }

    public boolean has(ExchangeFlag flag) {
        return flags.contains(flag);
    }
}
