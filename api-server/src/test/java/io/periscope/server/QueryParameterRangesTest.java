package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every numeric query parameter of every paged route, with values no client should send, against the real app. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryParameterRangesTest {
    /** Paged routes and their numeric parameters. */
    static final List<String> PAGED = List.of("/api/v1/endpoints", "/api/v1/changes");
    static final List<String> NUMERIC = List.of("offset", "limit");
    static final List<String> BAD = List.of("-1", "-2147483648", "2147483648", "99999999999", "9223372036854775808",
            "-9223372036854775809", "1e3", "0x10", "abc", "12abc", " 5", "1.5", "NaN", "٣", "9".repeat(400));

    @TempDir
    static Path dir;
    TestApp app;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dir);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    Stream<Arguments> badValues() {
        List<Arguments> all = new ArrayList<>();
        for (String route : PAGED) {
            for (String parameter : NUMERIC) {
                for (String value : BAD) {
                    all.add(Arguments.of(route, parameter, value));
                }
            }
        }
        all.add(Arguments.of("/api/v1/endpoints", "limit", "0"));
        all.add(Arguments.of("/api/v1/endpoints", "limit", "501"));
        all.add(Arguments.of("/api/v1/changes", "limit", "2147483647"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @MethodSource("badValues")
    void anOutOfRangeOrNonNumericValueIs400NamingTheParameterAndItsRange(String route, String parameter, String value)
            throws Exception {
        HttpResponse<String> r = get(route + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        String message = TestApp.json(r).path("message").asText();
        assertThat(message).startsWith("invalid parameter " + parameter + ": expected an integer within ");
        assertThat(message.length()).isLessThan(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/endpoints", "/api/v1/changes"})
    void theLargestOffsetIsAnEmptyPageNotAnOverflow(String route) throws Exception {
        HttpResponse<String> r = get(route + "?offset=2147483647&limit=500");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode page = TestApp.json(r);
        assertThat(page.path("items").size()).isZero();
        assertThat(page.path("offset").asInt()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01", "yesterday"})
    void anInstantBeyondWhatMicrosecondsCanHoldIs400(String value) throws Exception {
        HttpResponse<String> r = get("/api/v1/endpoints?newSince=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(TestApp.json(r).path("message").asText()).startsWith("invalid parameter newSince:");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return app.send(app.asAdmin(path));
    }
}
