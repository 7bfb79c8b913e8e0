package io.periscope.server.auth;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.periscope.events.auth.ApiToken;
import io.periscope.server.api.ApiError;
import java.util.List;

/** Managing API tokens (admin only). A new token's secret is in the creation answer and nowhere else. */
@Controller("/api/v1/tokens")
@Allowed(AccessRole.ADMIN)
public class TokenController {
    private static final int MAX_NAME = 100;
    private final TokenService tokens;

    public TokenController(TokenService tokens) {
        this.tokens = tokens;
    }

    /** A token as listed: never its secret or digest. */
    public record TokenView(String id, String name, String role, long createdMicros, String createdBy) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.createdMicros(), t.createdBy());
        }
    }

    public record NewToken(String name, String role) {
    }

    public record CreatedToken(String token, TokenView details) {
    }

    @Get
    public List<TokenView> list() {
        return tokens.list().stream().map(TokenView::of).toList();
    }

    @Post
    public MutableHttpResponse<?> create(@Body NewToken body, @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > MAX_NAME) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "name is required, at most " + MAX_NAME + " characters");
        }
        AccessRole role;
        try {
            role = AccessRole.parse(body.role());
        } catch (IllegalArgumentException e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        TokenService.IssuedToken issued = tokens.create(body.name().strip(), role, principal.tokenId());
        return HttpResponse.created(new CreatedToken(issued.token(), TokenView.of(issued.record())));
    }

    @Delete("/{id}")
    public MutableHttpResponse<?> revoke(@PathVariable String id, @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (id.equals(principal.tokenId())) {
            return ApiError.response(HttpStatus.CONFLICT, "a token cannot revoke itself; use another admin token");
        }
        return tokens.revoke(id) ? HttpResponse.noContent() : ApiError.response(HttpStatus.NOT_FOUND, "no token " + id);
    }
}
