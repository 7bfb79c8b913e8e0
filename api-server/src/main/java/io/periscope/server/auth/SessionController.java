package io.periscope.server.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.periscope.server.api.ApiError;
import io.periscope.server.config.AuthSettings;
import io.periscope.server.config.PeriscopeSettings;

/**
 * Signing in and out of the web UI: {@code POST /api/v1/session} with a token opens a session and
 * sets the HttpOnly cookie; {@code GET} tells who is signed in and the CSRF token the page must send;
 * {@code DELETE} signs out everywhere.
 */
@Controller("/api/v1/session")
public class SessionController {
    private final TokenService tokens;
    private final SessionService sessions;
    private final SignInThrottle throttle;
    private final ClientAddress clientAddress;
    private final AuthSettings.SecureCookie secureCookie;

    public SessionController(TokenService tokens, SessionService sessions, SignInThrottle throttle, ClientAddress clientAddress,
                             PeriscopeSettings settings) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.secureCookie = settings.auth().secureCookie();
    }

    /** The sign-in form's body. */
    public record SignIn(String token) {
        @Override
        public String toString() {
            return "SignIn[token=<hidden>]";
        }
    }

    /** Who is signed in, and the token to send as X-CSRF-Token on changes. */
    public record SessionInfo(String tokenId, String name, String role, String csrfToken) {
    }

    @Post
    public MutableHttpResponse<?> signIn(HttpRequest<?> request, @Body SignIn body) {
        String address = clientAddress.of(request);
        if (throttle.blocked(address)) {
            return ApiError.response(HttpStatus.TOO_MANY_REQUESTS, "too many failed sign-ins; try again later")
                    .header("Retry-After", Long.toString(throttle.window().toSeconds()));
        }
        var principal = body == null ? java.util.Optional.<Principal>empty() : tokens.authenticate(body.token());
        if (principal.isEmpty()) {
            throttle.failed(address);
            return ApiError.response(HttpStatus.UNAUTHORIZED, "unknown or revoked token");
        }
        throttle.succeeded(address);
        SessionService.OpenedSession session = sessions.open(principal.get());
        Principal p = principal.get();
        return HttpResponse.ok(new SessionInfo(p.tokenId(), p.tokenName(), p.role().wireName(), session.csrfToken()))
                .cookie(SessionCookie.issue(session.sessionId(), session.ttl(), request, secureCookie));
    }

    @Get
    public SessionInfo whoAmI(@RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        String csrf = principal.viaSession() ? SessionService.csrfToken(principal.sessionId()) : null;
        return new SessionInfo(principal.tokenId(), principal.tokenName(), principal.role().wireName(), csrf);
    }

    @Delete
    @Allowed(AccessRole.VIEWER)
    public MutableHttpResponse<?> signOut(HttpRequest<?> request, @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (principal.viaSession()) {
            sessions.close(principal.sessionId());
        }
        return HttpResponse.noContent().cookie(SessionCookie.clear(request, secureCookie));
    }
}
