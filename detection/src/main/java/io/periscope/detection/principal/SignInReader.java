package io.periscope.detection.principal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.periscope.events.http.Body;
import io.periscope.events.http.Credential;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Recognises sign-in attempts from the traffic itself: a POST whose body carries a {@code Password} credential
 * (the sensor redacted it and described it in {@link HttpExchange#credentials()}), and reads the login name from
 * the top level of its JSON or form body. Only the first {@value #MAX_SCAN_BYTES} bytes are scanned and JSON is
 * read one level deep, so a hostile body costs a bounded amount of work.
 */
public final class SignInReader {
    static final int MAX_SCAN_BYTES = 16 * 1024;
    private static final int MAX_LOGIN_CHARS = 128;
    /** The sensor's scheme for a masked login name's keyed fingerprint (http-reassembly's ValueRedactor). */
    static final String LOGIN_SCHEME = "Login";
    /** 48 bits: distinct for any realistic account list, short enough to read. */
    static final int LOGIN_TAG_CHARS = 12;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(MAX_SCAN_BYTES).build())
            .build();

    private final Set<String> loginFields;

    public SignInReader(Set<String> loginFields) {
        this.loginFields = Set.copyOf(loginFields);
    }

    /** The sign-in the request attempts, or null when it is not one. */
    public SignIn read(HttpExchange exchange) {
        HttpRequest request = exchange.request();
        if (request == null || !"POST".equalsIgnoreCase(request.method())) {
            return null;
        }
        String password = null;
        String loginFingerprint = null;
        for (Credential c : exchange.credentials()) {
            if (!c.presented() || c.location() != Credential.Location.BODY || c.fingerprint() == null) {
                continue;
            }
            if (password == null && "Password".equals(c.scheme())) {
                password = c.fingerprint();
            } else if (loginFingerprint == null && LOGIN_SCHEME.equals(c.scheme())) {
                loginFingerprint = c.fingerprint();
            }
        }
        if (password == null) {
            return null;
        }
        return new SignIn(account(login(request.body()), loginFingerprint), password);
    }

    /**
     * The account name: the login as the body shows it, and when the sensor masked it (an e-mail address becomes
     * {@code a***@example.com}, which thousands of accounts share) the first {@value #LOGIN_TAG_CHARS} hex digits of
     * its keyed {@code Login} fingerprint, so distinct accounts stay distinct and still read as themselves.
     */
    static String account(String shown, String loginFingerprint) {
        if (loginFingerprint == null) {
            return shown;
        }
        String tag = loginFingerprint.length() > LOGIN_TAG_CHARS ? loginFingerprint.substring(0, LOGIN_TAG_CHARS) : loginFingerprint;
        return (shown == null ? "login" : shown) + " #" + tag;
    }

    private String login(Body body) {
        byte[] content = body.content();
        if (content.length == 0) {
            return null;
        }
        int length = Math.min(content.length, MAX_SCAN_BYTES);
        return body.holdsJson() ? fromJson(content, length) : fromForm(new String(content, 0, length, StandardCharsets.UTF_8));
    }

    private String fromJson(byte[] content, int length) {
        try (JsonParser p = JSON.createParser(content, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) != null && t != JsonToken.END_OBJECT) {
                if (t != JsonToken.FIELD_NAME) {
                    continue;
                }
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && loginFields.contains(name)) {
                    return bounded(p.getText());
                }
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            // a truncated or malformed body names no login; the attempt still counts
            return null;
        }
        return null;
    }

    private String fromForm(String form) {
        int start = 0;
        while (start < form.length()) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = form.length();
            }
            int eq = form.indexOf('=', start);
            if (eq > start && eq < end) {
                String name = decode(form.substring(start, eq));
                if (name != null && loginFields.contains(name)) {
                    return bounded(decode(form.substring(eq + 1, end)));
                }
            }
            start = end + 1;
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String bounded(String login) {
        if (login == null || login.isBlank() || login.startsWith("[redacted:")) {
            return null;
        }
        return login.length() > MAX_LOGIN_CHARS ? login.substring(0, MAX_LOGIN_CHARS) : login;
    }
}
