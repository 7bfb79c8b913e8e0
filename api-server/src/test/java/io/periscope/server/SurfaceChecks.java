package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/** What must hold for every answer of the HTTP server, whoever asks and whatever is asked. */
final class SurfaceChecks {
    /** A Java class name (io.micronaut.X, java.lang.String, Foo$Bar) or a frame of a stack trace. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Z]\\w*|\\w\\$\\w|\\bat [\\w.$]+\\(|Exception|StreamReadFeature|\\[Source:|\\bjava\\.");

    private SurfaceChecks() {
    }

    /** The headers every response carries, including redirects and errors. */
    static void assertSecurityHeaders(RawHttp.Response r, String what) {
        assertThat(r.header("Content-Security-Policy")).as(what + " CSP").hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(r.header("X-Content-Type-Options")).as(what + " nosniff").hasValue("nosniff");
        assertThat(r.header("X-Frame-Options")).as(what + " X-Frame-Options").hasValue("DENY");
        assertThat(r.header("Referrer-Policy")).as(what + " Referrer-Policy").hasValue("no-referrer");
        assertThat(r.header("Cache-Control")).as(what + " Cache-Control").isPresent();
        if (!(r.status() == 200 && r.header("Content-Type").orElse("").matches("(text/css|text/javascript|application/javascript|image/).*"))) {
            // Only the static assets may be cached; everything else holds catalog data or session state.
            assertThat(r.header("Cache-Control")).as(what + " Cache-Control").hasValue("no-store");
        }
        if (r.status() == 401) {
            assertThat(r.header("WWW-Authenticate")).as(what + " challenge").hasValueSatisfying(v -> assertThat(v).startsWith("Bearer realm="));
        }
    }

    /** No class name, stack frame or framework wording in a body. */
    static void assertNoInternals(String body, String what) {
        assertThat(INTERNALS.matcher(body).find()).as(what + " leaks internals: " + body).isFalse();
    }

    /** The one error shape: {@code {"status", "error", "message"}}, JSON, status repeated. */
    static void assertErrorShape(RawHttp.Response r, String what) throws IOException {
        assertThat(r.header("Content-Type")).as(what + " content type").hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = TestApp.JSON.readTree(r.body());
        assertThat(body.fieldNames()).toIterable().as(what + " fields").containsExactly("status", "error", "message");
        assertThat(body.path("status").asInt()).as(what).isEqualTo(r.status());
        assertThat(body.path("message").asText()).as(what).isNotBlank();
        assertNoInternals(r.body(), what);
    }

    static List<String> bearer(String token) {
        return token == null ? List.of() : List.of("Authorization: Bearer " + token);
    }
}
