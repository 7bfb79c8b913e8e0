package io.periscope.server.ui;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.periscope.server.roles.ApiRoleEnabled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The web UI's two documents: the sign-in page (public) and the application shell (signed-in users;
 * the auth filter redirects others to the sign-in page). Pages inside the shell are client-side routes
 * ({@code /#/catalog}, ...) that read the REST API; scripts and styles are static files under {@code /assets/}.
 */
@Controller
@Requires(condition = ApiRoleEnabled.class)
public class UiController {
    private final byte[] shell = read("/ui/index.html");
    private final byte[] login = read("/ui/login.html");

    @Get
    public HttpResponse<byte[]> shell() {
        return page(shell);
    }

    @Get("/login")
    public HttpResponse<byte[]> login() {
        return page(login);
    }

    private static HttpResponse<byte[]> page(byte[] body) {
        // The documents are tiny; no caching keeps a signed-out user from seeing a stale shell.
        return HttpResponse.ok(body).contentType(MediaType.TEXT_HTML_TYPE).header("Cache-Control", "no-store");
    }

    private static byte[] read(String resource) {
        try (InputStream in = UiController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
