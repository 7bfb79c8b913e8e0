package io.periscope.reassembly.enrich;

import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.QueryParam;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Replaces every credential of a message by a redaction marker {@code [redacted:<scheme>:<fingerprint>]}
 * and describes it as a {@link Credential}: Authorization and Proxy-Authorization (Bearer, Basic,
 * others), configured API-key headers and query parameters, cookies, and Set-Cookie values. The raw
 * secret never leaves this class. One instance per worker thread.
 */
public final class CredentialRedactor {
    private final Fingerprinter fingerprinter;
    private final Set<String> apiKeyHeaders;
    private final Set<String> apiKeyParams;
    private final Set<String> sessionCookies;
    private final boolean allCookies;

    /** A request's target, query, headers and credentials after redaction. */
    public record RedactedRequest(String target, String path, List<QueryParam> query, List<Header> headers,
                                  List<Credential> credentials) {
    }

    public CredentialRedactor(Fingerprinter fingerprinter, List<String> apiKeyHeaders, List<String> apiKeyParams,
                              List<String> sessionCookies, boolean allCookies) {
        this.fingerprinter = fingerprinter;
        this.apiKeyHeaders = lower(apiKeyHeaders);
        this.apiKeyParams = lower(apiKeyParams);
        this.sessionCookies = lower(sessionCookies);
        this.allCookies = allCookies;
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private boolean isApiKeyHeader(String name) {
        for (String candidate : apiKeyHeaders) {
            if (candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    public static String marker(String scheme, String fingerprint) {
        return "[redacted:" + scheme + ":" + fingerprint + "]";
    }

    public RedactedRequest request(String target, List<Header> headers) {
        List<Credential> credentials = new ArrayList<>(0);
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            String name = h.name();
            if (name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")) {
                out.add(new Header(h.name(), authorization(h, credentials)));
            } else if (isApiKeyHeader(name)) {
                out.add(new Header(h.name(), token(Credential.Location.HEADER, h.name(), "ApiKey", h.value().trim(), credentials)));
            } else if (name.equalsIgnoreCase("cookie")) {
                out.add(new Header(h.name(), cookies(h.value(), credentials)));
            } else if (name.equalsIgnoreCase("referer")) {
                out.add(new Header(h.name(), redactUrl(h.value(), null, null)));
            } else {
                out.add(h);
            }
        }
        return target == null
                ? new RedactedRequest(null, null, List.of(), out, credentials)
                : target(target, out, credentials);
    }

    /** Response headers with Set-Cookie values and API keys in Location URLs redacted. */
    public List<Header> response(List<Header> headers) {
        List<Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase("set-cookie")) {
                String v = h.value();
                int semi = v.indexOf(';');
                String pair = semi < 0 ? v : v.substring(0, semi);
                String attributes = semi < 0 ? "" : v.substring(semi);
                int eq = pair.indexOf('=');
                String cookieName = eq < 0 ? "" : pair.substring(0, eq).trim();
                String value = eq < 0 ? pair.trim() : pair.substring(eq + 1).trim();
                String redacted = marker("Cookie", fingerprinter.fingerprint(value));
                out.add(new Header(h.name(), (eq < 0 ? redacted : cookieName + "=" + redacted) + attributes));
            } else if (h.name().equalsIgnoreCase("location") || h.name().equalsIgnoreCase("content-location")) {
                out.add(new Header(h.name(), redactUrl(h.value(), null, null)));
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private String authorization(Header h, List<Credential> credentials) {
        String v = h.value().trim();
        int sp = v.indexOf(' ');
        String scheme = sp > 0 ? v.substring(0, sp) : "Unknown";
        String secret = sp > 0 ? v.substring(sp + 1).trim() : v;
        if (scheme.equalsIgnoreCase("basic")) {
            String fp = fingerprinter.fingerprint(secret);
            credentials.add(new Credential(Credential.Location.HEADER, h.name(), "Basic", fp, basicUser(secret), null));
            return marker("Basic", fp);
        }
        if (scheme.equalsIgnoreCase("bearer")) {
            scheme = "Bearer";
        }
        return token(Credential.Location.HEADER, h.name(), scheme, secret, credentials);
    }

    private String token(Credential.Location location, String name, String scheme, String secret,
                         List<Credential> credentials) {
        String fp = fingerprinter.fingerprint(secret);
        JwtInfo jwt = JwtDecoder.decode(secret);
        credentials.add(new Credential(location, name, scheme, fp, null, jwt));
        return marker(scheme, fp);
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

    private String cookies(String value, List<Credential> credentials) {
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
            String fp = fingerprinter.fingerprint(secret);
            if (allCookies || sessionCookies.contains(cookieName.toLowerCase(Locale.ROOT))) {
                credentials.add(new Credential(Credential.Location.COOKIE, cookieName, "Cookie", fp, null,
                        JwtDecoder.decode(secret)));
            }
            if (eq >= 0) {
                out.append(cookieName).append('=');
            }
            out.append(marker("Cookie", fp));
        }
        return out.toString();
    }

    private RedactedRequest target(String target, List<Header> headers, List<Credential> credentials) {
        int q = target.indexOf('?');
        int hash = target.indexOf('#');
        String beforeQuery = target.substring(0, q >= 0 && (hash < 0 || q < hash) ? q : hash < 0 ? target.length() : hash);
        String path = pathOf(beforeQuery);
        if (q < 0 || (hash >= 0 && hash < q)) {
            return new RedactedRequest(target, path, List.of(), headers, credentials);
        }
        List<QueryParam> query = new ArrayList<>();
        String outTarget = redactUrl(target, query, credentials);
        return new RedactedRequest(outTarget, path, query, headers, credentials);
    }

    /**
     * The URL with the values of API-key query parameters replaced by markers. Parameters are added to
     * {@code query} (decoded, redacted) and credentials to {@code credentials} when those are given;
     * URLs in other headers (Referer, Location) are only redacted: their keys belong to another request.
     */
    private String redactUrl(String url, List<QueryParam> query, List<Credential> credentials) {
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
            if (value != null && apiKeyParams.contains(name.toLowerCase(Locale.ROOT))) {
                String m = credentials == null
                        ? marker("ApiKey", fingerprinter.fingerprint(value))
                        : token(Credential.Location.QUERY, name, "ApiKey", value, credentials);
                if (query != null) {
                    query.add(new QueryParam(name, m));
                }
                rebuilt.append(piece, 0, eq + 1).append(m);
                redacted = true;
            } else {
                if (query != null) {
                    query.add(new QueryParam(name, value));
                }
                rebuilt.append(piece);
            }
        }
        return redacted ? rebuilt.append(fragment).toString() : url;
    }

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
    static String decode(String s) {
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
