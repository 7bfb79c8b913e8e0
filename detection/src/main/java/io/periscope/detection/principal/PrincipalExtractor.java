package io.periscope.detection.principal;

import io.periscope.events.detection.Principals;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The principals of one exchange. The user is, in order: the configured gateway header, the JWT {@code sub}, the
 * Basic user name, and the user a previous sign-in linked the presented credential to ({@link CredentialLinks}).
 * The login name a sign-in request submits is <em>not</em> its user: a brute-forcer names many accounts and stays
 * one actor, keyed by what it presented or its address; the login becomes the user of the token the sign-in
 * issued, once it succeeds.
 */
public final class PrincipalExtractor {
    private static final int MAX_VALUE_CHARS = 128;

    private final PrincipalSettings settings;

    public PrincipalExtractor(PrincipalSettings settings) {
        this.settings = settings;
    }

    public Principals extract(HttpExchange exchange, CredentialLinks links) {
        Credential credential = authentication(exchange.authenticationCredentials());
        String fingerprint = credential == null ? null : credential.fingerprint();
        String ip = exchange.clientIp() != null ? exchange.clientIp() : exchange.connection().clientAddress();
        ClientIpSource source = exchange.clientIp() != null ? exchange.clientIpSource() : ClientIpSource.PEER;
        return new Principals(ip, source, fingerprint, credential == null ? null : credential.scheme(),
                user(exchange.request(), credential, links), business(exchange.request()));
    }

    /** A header credential first (Authorization, API key header), then cookies, then the query. */
    private static Credential authentication(List<Credential> credentials) {
        Credential best = null;
        for (Credential c : credentials) {
            if (c.fingerprint() == null) {
                continue;
            }
            if (best == null || c.location().ordinal() < best.location().ordinal()) {
                best = c;
            }
        }
        return best;
    }

    private String user(HttpRequest request, Credential credential, CredentialLinks links) {
        if (settings.userHeader() != null && request != null) {
            List<String> values = request.headerValues(settings.userHeader());
            if (!values.isEmpty() && !values.get(0).isBlank() && !values.get(0).startsWith("[redacted:")) {
                return bounded(values.get(0));
            }
        }
        if (credential == null) {
            return null;
        }
        // an unsigned token names whoever its sender wanted: its sub would merge a forger into the victim's actor
        if (credential.jwt() != null && credential.jwt().sub() != null && credential.jwt().alg() != null
                && !credential.jwt().alg().equalsIgnoreCase("none")) {
            return bounded(credential.jwt().sub());
        }
        if (credential.username() != null) {
            return bounded(credential.username());
        }
        return links.userOf(credential.fingerprint());
    }

    private Map<String, String> business(HttpRequest request) {
        if (request == null || settings.business().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        for (BusinessIdentifier id : settings.business()) {
            String value = id.header() != null ? first(request.headerValues(id.header())) : null;
            if (value == null && id.pathSegment() != null && request.path() != null) {
                value = segmentAfter(request.path(), id.pathSegment());
            }
            if (value != null && !value.isBlank()) {
                out.put(id.name(), bounded(value));
            }
        }
        return out;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /** The segment after the first segment equal to {@code literal}: a single left-to-right scan. */
    static String segmentAfter(String path, String literal) {
        int start = path.startsWith("/") ? 1 : 0;
        boolean next = false;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (next) {
                return segment.isEmpty() ? null : segment;
            }
            next = segment.equals(literal);
            start = end + 1;
        }
        return null;
    }

    private static String bounded(String value) {
        return value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
    }

    /**
     * The actor key of an exchange: the strongest principal it shows. A user joins every token and address it used
     * into one actor; a credential without a user joins the addresses it was used from; only anonymous traffic is
     * keyed by its address.
     */
    public static String actorId(Principals p) {
        if (p.user() != null) {
            return "user:" + p.user();
        }
        if (p.credential() != null) {
            return "cred:" + p.credential();
        }
        return "ip:" + p.clientIp();
    }

    /** The credential a successful sign-in response issued (a token in the body, a session cookie), or null. */
    public static String issuedCredential(HttpExchange exchange) {
        for (Credential c : exchange.credentials()) {
            if (!c.presented() && c.fingerprint() != null) {
                return c.fingerprint();
            }
        }
        return null;
    }
}
