package io.periscope.reassembly.enrich;

import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.reassembly.http.HeaderNames;
import io.periscope.events.http.QueryParam;
import io.periscope.reassembly.redact.CredentialKind;
import io.periscope.reassembly.redact.MessageRedactions;
import io.periscope.reassembly.redact.ValueRedactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Redacts the header section and the target of a message: Authorization and Proxy-Authorization (Bearer,
 * Basic, others), configured API-key headers and query parameters, cookies and Set-Cookie values, and then
 * every other header and query parameter through {@link ValueRedactor} (credential names, credential shapes,
 * sensitive values). Bodies are {@link io.periscope.reassembly.redact.BodyRedactor}'s. The raw secret never
 * leaves this class. One instance per worker thread.
 */
public final class CredentialRedactor {
    /** Headers that frame or route the message: never credentials, never personal data, read raw by later steps. */
    private static final Set<String> STRUCTURAL = Set.of("host", "content-length", "content-type", "content-encoding",
            "transfer-encoding", "connection", "date", "x-forwarded-for", "forwarded", "x-real-ip", "te", "upgrade",
            "keep-alive", "expect", "accept", "accept-encoding", "accept-language", "vary", "server");

    private final ValueRedactor values;
    private final Set<String> apiKeyHeaders;
    private final Set<String> apiKeyParams;
    private final Set<String> sessionCookies;
    private final boolean allCookies;

    /** A request's target, query and headers after redaction, and the credentials the request presented. */
    public record RedactedRequest(String target, String path, List<QueryParam> query, List<Header> headers,
                                  List<Credential> credentials) {
    }

    public CredentialRedactor(ValueRedactor values, List<String> apiKeyHeaders, List<String> apiKeyParams,
                              List<String> sessionCookies, boolean allCookies) {
        this.values = values;
        this.apiKeyHeaders = lower(apiKeyHeaders);
        this.apiKeyParams = lower(apiKeyParams);
        this.sessionCookies = lower(sessionCookies);
        this.allCookies = allCookies;
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Redacts a request's header section and target; its credentials are added to {@code message}. */
    public RedactedRequest request(MessageRedactions message, String target, List<Header> headers) {
        List<Header> out = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            String name = HeaderNames.lowerCase(h.name());
            String v = switch (name) {
                case "authorization", "proxy-authorization" -> authorization(message, h);
                case "cookie" -> cookies(message, h.value());
                case "referer" -> redactUrl(new MessageRedactions(message.direction()), h.value(), null);
                default -> header(message, name, h);
            };
            out.add(v == h.value() ? h : new Header(h.name(), v));
        }
        return target == null
                ? new RedactedRequest(null, null, List.of(), out, message.credentials())
                : target(message, target, out);
    }

    /**
     * Redacts a response's header section, or a trailer section of either direction: Set-Cookie values (session
     * cookies become credentials of the message), URLs in Location, and every other field by name, shape and
     * sensitive value.
     */
    public List<Header> response(MessageRedactions message, List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of(); // most trailer sections: no list, no iterator
        }
        List<Header> out = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            Header h = headers.get(i);
            String name = HeaderNames.lowerCase(h.name());
            String v = switch (name) {
                case "set-cookie" -> setCookie(message, h.value());
                // a URL handed to the client: its keys belong to the request that will follow it
                case "location", "content-location" -> redactUrl(new MessageRedactions(message.direction()), h.value(), null);
                default -> header(message, name, h);
            };
            out.add(v == h.value() ? h : new Header(h.name(), v));
        }
        return out;
    }

    private String header(MessageRedactions message, String lowerName, Header h) {
        if (STRUCTURAL.contains(lowerName)) {
            return h.value();
        }
        if (apiKeyHeaders.contains(lowerName) && !h.value().isBlank()) {
            return values.credential(message, Credential.Location.HEADER, h.name(), CredentialKind.API_KEY.scheme(),
                    h.value().trim());
        }
        return values.value(message, Credential.Location.HEADER, h.name(), h.name(), h.value());
    }

    private String setCookie(MessageRedactions message, String v) {
        int semi = v.indexOf(';');
        String pair = semi < 0 ? v : v.substring(0, semi);
        String attributes = semi < 0 ? "" : v.substring(semi);
        int eq = pair.indexOf('=');
        String cookieName = eq < 0 ? "" : pair.substring(0, eq).trim();
        String value = eq < 0 ? pair.trim() : pair.substring(eq + 1).trim();
        String redacted = values.cookie(message, cookieName, value, reported(cookieName));
        return (eq < 0 ? redacted : cookieName + "=" + redacted) + attributes;
    }

    private boolean reported(String cookieName) {
        return allCookies || sessionCookies.contains(cookieName.toLowerCase(Locale.ROOT));
    }

    private String authorization(MessageRedactions message, Header h) {
        String v = h.value().trim();
        int sp = v.indexOf(' ');
        String scheme = sp > 0 ? v.substring(0, sp) : "Unknown";
        String secret = sp > 0 ? v.substring(sp + 1).trim() : v;
        if (scheme.equalsIgnoreCase("basic")) {
            return values.basic(message, h.name(), secret, basicUser(secret));
        }
        if (scheme.equalsIgnoreCase("bearer")) {
            scheme = "Bearer";
        }
        return values.credential(message, Credential.Location.HEADER, h.name(), scheme, secret);
    }

    private static String basicUser(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String cookies(MessageRedactions message, String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (String part : value.split(";")) {
            String pair = part.trim();
            if (pair.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append("; ");
            }
            int eq = pair.indexOf('=');
            String cookieName = eq < 0 ? "" : pair.substring(0, eq).trim();
            String secret = eq < 0 ? pair : pair.substring(eq + 1).trim();
            if (eq >= 0) {
                out.append(cookieName).append('=');
            }
            out.append(values.cookie(message, cookieName, secret, reported(cookieName)));
        }
        return out.toString();
    }

    private RedactedRequest target(MessageRedactions message, String target, List<Header> headers) {
        int q = target.indexOf('?');
        int hash = target.indexOf('#');
        String beforeQuery = target.substring(0, q >= 0 && (hash < 0 || q < hash) ? q : hash < 0 ? target.length() : hash);
        String rawPath = pathOf(beforeQuery);
        String path = redactPath(message, rawPath);
        if (path != rawPath) {
            int at = beforeQuery.length() - rawPath.length(); // the path ends the part before the query
            target = target.substring(0, at) + path + target.substring(beforeQuery.length());
        }
        if (q < 0 || (hash >= 0 && hash < q)) {
            return new RedactedRequest(target, path, List.of(), headers, message.credentials());
        }
        List<QueryParam> query = new ArrayList<>();
        String outTarget = redactUrl(message, target, query);
        return new RedactedRequest(outTarget, path, query, headers, message.credentials());
    }

    /**
     * The path with every segment that is a credential by its shape (a JWT in {@code /reset/eyJ...}, a key) or a
     * sensitive value ({@code /users/alice@example.com}, a card number) replaced by its marker, written unencoded
     * as in the query; {@code path} itself when nothing changed. Segments shorter than
     * {@link #MIN_SECRET_SEGMENT} are not judged: no credential shape or sensitive type is that short, and most
     * segments of most paths are.
     */
    private String redactPath(MessageRedactions message, String path) {
        StringBuilder out = null;
        int copied = 0;
        int index = 0;
        for (int start = path.indexOf('/') + 1; start > 0 && start <= path.length(); index++) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end - start >= MIN_SECRET_SEGMENT) {
                String segment = decode(path.substring(start, end));
                String r = values.value(message, Credential.Location.PATH, "segment " + index, null, segment);
                if (r != segment) {
                    if (out == null) {
                        out = new StringBuilder(path.length() + 32);
                    }
                    out.append(path, copied, start).append(r);
                    copied = end;
                }
            }
            start = end + 1;
        }
        return out == null ? path : out.append(path, copied, path.length()).toString();
    }

    /**
     * The URL with credential and sensitive query values replaced by markers (written unencoded, so the marker
     * reads the same everywhere). Parameters are added to {@code query} (decoded, redacted) when given.
     */
    private String redactUrl(MessageRedactions message, String url, List<QueryParam> query) {
        int hash = url.indexOf('#');
        String fragment = hash < 0 ? "" : url.substring(hash);
        String noFragment = hash < 0 ? url : url.substring(0, hash);
        int q = noFragment.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder rebuilt = new StringBuilder(noFragment.length() + 16).append(noFragment, 0, q + 1);
        boolean redacted = false;
        boolean first = true;
        for (String piece : noFragment.substring(q + 1).split("&", -1)) {
            if (!first) {
                rebuilt.append('&');
            }
            first = false;
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = decode(eq < 0 ? piece : piece.substring(0, eq));
            String value = eq < 0 ? null : decode(piece.substring(eq + 1));
            String out = value;
            if (value != null && !value.isEmpty()) {
                out = apiKeyParams.contains(name.toLowerCase(Locale.ROOT))
                        ? values.credential(message, Credential.Location.QUERY, name, CredentialKind.API_KEY.scheme(), value)
                        : values.value(message, Credential.Location.QUERY, name, name, value);
            }
            if (query != null) {
                query.add(new QueryParam(name, out));
            }
            if (out != value) {
                rebuilt.append(piece, 0, eq + 1).append(out);
                redacted = true;
            } else {
                rebuilt.append(piece);
            }
        }
        return redacted ? rebuilt.append(fragment).toString() : url;
    }

    /** Below the length of the shortest credential shape or sensitive value a path segment could be. */
    private static final int MIN_SECRET_SEGMENT = 6;

    /** The path of origin-form, absolute-form ({@code http://host/p}) or asterisk-form targets. */
    private static String pathOf(String beforeQuery) {
        int scheme = beforeQuery.indexOf("://");
        if (scheme > 0 && beforeQuery.indexOf('/') > scheme) {
            int slash = beforeQuery.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : beforeQuery.substring(slash);
        }
        return beforeQuery;
    }

    /** Percent-decoding as UTF-8 ('+' is a space, as browsers encode forms); malformed escapes stay literal. */
    public static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c < 256) {
                out.write(c); // targets are read as ISO-8859-1: one char per wire byte
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
