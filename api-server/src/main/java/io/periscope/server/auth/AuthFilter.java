package io.periscope.server.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteMatch;
import io.periscope.server.api.ApiError;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.health.HealthController;
import java.net.URI;
import java.util.Optional;

/**
 * Authenticates every request except the few public routes, enforces the route's role, and checks
 * the CSRF token of state-changing requests made with a session cookie.
 *
 * <p>Credentials: {@code Authorization: Bearer <token>} for scripts, the session cookie for the UI.
 * Unauthenticated API calls get 401; unauthenticated page loads are redirected to the sign-in page.
 * Requests that match no route pass untouched, so an unknown path is a 404 for everyone.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AuthFilter {
    private final TokenService tokens;
    private final SessionService sessions;
    private final boolean metricsOpen;

    public AuthFilter(TokenService tokens, SessionService sessions, PeriscopeSettings settings) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.metricsOpen = settings.auth().metricsOpen();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request, @Nullable RouteMatch<?> route) {
        String path = request.getPath();
        HttpMethod method = request.getMethod();
        if (route == null) {
            // No route: the router answers 404, 405, 406 or 415 for every caller alike (the routes are public in the
            // OpenAPI document), or serves a public static asset. Guessing a role for a route that does not exist
            // would answer a viewer 403 and an anonymous caller a redirect for a path that is simply not there.
            return null;
        }
        if (isPublic(path, method)) {
            return null;
        }
        Optional<Principal> principal = bearer(request).flatMap(tokens::authenticate)
                .or(() -> SessionCookie.read(request).flatMap(sessions::resolve));
        if (principal.isEmpty()) {
            if (isApi(path) || !isPageLoad(method)) {
                return ApiError.response(HttpStatus.UNAUTHORIZED,
                        "authentication required: send Authorization: Bearer <token>, or sign in");
            }
            return HttpResponse.seeOther(URI.create("/login"));
        }
        Principal p = principal.get();
        if (p.viaSession() && !isSafe(method)) {
            String sent = request.getHeaders().get(SessionCookie.CSRF_HEADER);
            if (!Secrets.constantTimeEquals(sent, SessionService.csrfToken(p.sessionId()))) {
                return ApiError.response(HttpStatus.FORBIDDEN, "missing or invalid " + SessionCookie.CSRF_HEADER + " header");
            }
        }
        AccessRole required = required(route, method);
        if (!p.role().includes(required)) {
            return ApiError.response(HttpStatus.FORBIDDEN,
                    "this needs the " + required.wireName() + " role; the token has " + p.role().wireName());
        }
        request.setAttribute(Principal.ATTRIBUTE, p);
        return null;
    }

    private boolean isPublic(String path, HttpMethod method) {
        if (path.equals(HealthController.READINESS) || path.equals(HealthController.LIVENESS)) {
            return true; // UP or DOWN only, for load balancers and orchestrators; the details need a token
        }
        if (path.equals("/metrics")) {
            return metricsOpen;
        }
        if (path.equals("/api/v1/session") && method == HttpMethod.POST) {
            return true; // signing in
        }
        // The sign-in page and the static assets carry no data.
        return (path.equals("/login") && isSafe(method)) || (path.startsWith("/assets/") && isSafe(method));
    }

    static AccessRole required(RouteMatch<?> route, HttpMethod method) {
        Optional<AccessRole> declared = route.getAnnotationMetadata().enumValue(Allowed.class, AccessRole.class);
        return declared.orElse(isSafe(method) ? AccessRole.VIEWER : AccessRole.ADMIN);
    }

    private static Optional<String> bearer(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.empty();
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/metrics");
    }

    private static boolean isPageLoad(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }
}
