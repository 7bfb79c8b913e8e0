package io.periscope.server.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.periscope.server.config.AuthSettings;
import java.time.Duration;
import java.util.Optional;

/** The UI session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS. */
final class SessionCookie {
    static final String NAME = "periscope_session";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private SessionCookie() {
    }

    static Optional<String> read(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> !v.isEmpty());
    }

    static Cookie issue(String sessionId, Duration ttl, HttpRequest<?> request, AuthSettings.SecureCookie secure) {
        return Cookie.of(NAME, sessionId).httpOnly(true).sameSite(SameSite.Strict).path("/")
                .maxAge(ttl).secure(secure(request, secure));
    }

    static Cookie clear(HttpRequest<?> request, AuthSettings.SecureCookie secure) {
        return Cookie.of(NAME, "").httpOnly(true).sameSite(SameSite.Strict).path("/").maxAge(0)
                .secure(secure(request, secure));
    }

    private static boolean secure(HttpRequest<?> request, AuthSettings.SecureCookie mode) {
        return switch (mode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> request.isSecure()
                    || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
        };
    }
}
