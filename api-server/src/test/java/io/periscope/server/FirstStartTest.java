package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {
    private static final Pattern PRINTED_TOKEN = Pattern.compile("^\\s+(psc_\\S+)$", Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    private static String startCapturingStdout(Map<String, Object> properties, ThrowingConsumer<TestApp> use) throws Exception {
        PrintStream previous = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        TestApp app;
        try {
            app = TestApp.start(properties);
        } finally {
            System.setOut(previous);
        }
        try (app) {
            use.accept(app);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    @Test
    void theFirstStartPrintsAWorkingAdminTokenOnceAndLaterStartsDoNot() throws Exception {
        Map<String, Object> props = TestApp.properties(dataDir);
        props.remove("periscope.admin-token");

        String[] token = new String[1];
        String first = startCapturingStdout(props, app -> {
        });
        Matcher m = PRINTED_TOKEN.matcher(first);
        assertThat(m.find()).as("printed token in: %s", first).isTrue();
        token[0] = m.group(1);

        String second = startCapturingStdout(props, app -> {
            HttpResponse<String> me = app.send(app.request("/api/v1/session").header("Authorization", "Bearer " + token[0]));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(TestApp.json(me).path("role").asText()).isEqualTo("admin");
        });
        assertThat(PRINTED_TOKEN.matcher(second).find()).isFalse();
    }

    @Test
    void anAdminTokenFromTheEnvironmentIsAcceptedAndNoneIsGenerated() throws Exception {
        String out = startCapturingStdout(TestApp.properties(dataDir), app -> {
            HttpResponse<String> me = app.send(app.asAdmin("/api/v1/session"));
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(TestApp.json(me).path("role").asText()).isEqualTo("admin");
        });
        assertThat(PRINTED_TOKEN.matcher(out).find()).isFalse();
        assertThat(out).doesNotContain(TestApp.ADMIN_TOKEN);
    }

    @Test
    void failedSignInsFromOneAddressAreRateLimited() throws Exception {
        Map<String, Object> props = TestApp.properties(dataDir);
        props.put("periscope.auth.sign-in.max-failures", 3);
        try (TestApp app = TestApp.start(props)) {
            for (int i = 0; i < 3; i++) {
                assertThat(signIn(app, "psc_wrong" + i).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> limited = signIn(app, TestApp.ADMIN_TOKEN);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static HttpResponse<String> signIn(TestApp app, String token) throws Exception {
        return app.send(app.request("/api/v1/session").header("Content-Type", "application/json")
                .POST(TestApp.jsonBody(Map.of("token", token))));
    }
}
