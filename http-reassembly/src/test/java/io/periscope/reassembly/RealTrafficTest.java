package io.periscope.reassembly;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.periscope.events.http.ExchangeFlag;
import io.periscope.reassembly.support.Harness;
import io.periscope.reassembly.support.LoopbackRelay;
import io.periscope.reassembly.support.Packet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Traffic between the JDK's HTTP client and server, recorded through a loopback relay and replayed as
 * TCP segments: what reassembly recovers must equal what the client and the server exchanged.
 */
class RealTrafficTest {
    private static final String JSON = "{\"users\":[{\"id\":1,\"name\":\"ada\"},{\"id\":2,\"name\":\"grace\"}]}";
    private HttpServer server;
    private LoopbackRelay relay;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/users", ex -> reply(ex, 200, JSON.getBytes(StandardCharsets.UTF_8), "application/json", null));
        server.createContext("/echo", ex -> reply(ex, 201, ex.getRequestBody().readAllBytes(), "text/plain", null));
        server.createContext("/stream", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0); // length unknown: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/gzip", ex -> reply(ex, 200, gzip(JSON.repeat(20)), "application/json", "gzip"));
        server.createContext("/nothing", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        relay = new LoopbackRelay(server.getAddress().getPort());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        server.stop(0);
    }

    private static void reply(HttpExchange ex, int status, byte[] body, String type, String encoding) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        if (encoding != null) {
            ex.getResponseHeaders().add("Content-Encoding", encoding);
        }
        ex.getResponseHeaders().add("Set-Cookie", "JSESSIONID=s3cr3t-session; Path=/; HttpOnly");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + relay.port() + path);
    }

    /**
     * Reassembles what the relay recorded. Nothing to wait for: the relay records each read before it forwards it,
     * so once the client holds a response, every byte of that exchange is recorded.
     */
    private List<io.periscope.events.http.HttpExchange> replay() {
        Harness h = new Harness();
        List<Packet> all = new ArrayList<>();
        relay.conversations().forEach(all::addAll);
        return h.run(all);
    }

    @Test
    void aKeepAliveSessionOfRealRequestsIsRecoveredExactly() throws Exception {
        HttpResponse<String> users = client.send(HttpRequest.newBuilder(uri("/users?page=2&sort=name&api_key=k-123"))
                .header("Authorization", "Bearer abc.def").header("X-Forwarded-For", "203.0.113.7, 10.0.0.3").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("payload=" + "x".repeat(5000))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stream = client.send(HttpRequest.newBuilder(uri("/stream")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<byte[]> gz = client.send(HttpRequest.newBuilder(uri("/gzip")).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<Void> nothing = client.send(HttpRequest.newBuilder(uri("/nothing")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(uri("/users")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());

        List<io.periscope.events.http.HttpExchange> out = replay();

        assertThat(out).extracting(e -> e.request().method() + " " + e.request().path() + " " + e.response().status())
                .containsExactly("GET /users 200", "POST /echo 201", "GET /stream 200", "GET /gzip 200",
                        "DELETE /nothing 204", "HEAD /users 200");
        assertThat(List.of(users.statusCode(), echo.statusCode(), stream.statusCode(), gz.statusCode(), nothing.statusCode(), head.statusCode()))
                .containsExactly(200, 201, 200, 200, 204, 200);
        io.periscope.events.http.HttpExchange first = out.get(0);
        assertThat(new String(first.response().body().content(), StandardCharsets.UTF_8)).isEqualTo(users.body());
        assertThat(first.request().query()).extracting(q -> q.name()).containsExactly("page", "sort", "api_key");
        assertThat(first.request().query().get(2).value()).startsWith("[redacted:ApiKey:");
        assertThat(first.request().target()).doesNotContain("k-123");
        assertThat(first.request().headerValues("authorization")).allSatisfy(v -> assertThat(v).doesNotContain("abc.def"));
        assertThat(first.response().headerValues("set-cookie").get(0)).doesNotContain("s3cr3t").endsWith("; Path=/; HttpOnly");
        assertThat(first.authenticationCredentials()).extracting(c -> c.scheme()).containsExactlyInAnyOrder("Bearer", "ApiKey");
        // the session cookie the server set is a credential the response issued
        assertThat(first.credentials()).filteredOn(c -> !c.presented())
                .extracting(c -> c.scheme() + " " + c.name() + " " + c.direction()).containsExactly("Cookie JSESSIONID RESPONSE");
        assertThat(first.clientIp()).isEqualTo("203.0.113.7"); // the peer 10.0.0.20 and the proxy 10.0.0.3 are trusted
        assertThat(first.serverHost()).isEqualTo("127.0.0.1:" + relay.port());
        assertThat(new String(out.get(1).request().body().content(), StandardCharsets.UTF_8)).isEqualTo("payload=" + "x".repeat(5000));
        assertThat(new String(out.get(1).response().body().content(), StandardCharsets.UTF_8)).isEqualTo(echo.body());
        assertThat(new String(out.get(2).response().body().content(), StandardCharsets.UTF_8)).isEqualTo(stream.body());
        assertThat(out.get(2).response().headerValues("transfer-encoding")).containsExactly("chunked");
        assertThat(out.get(3).response().body().decoded()).isTrue();
        assertThat(new String(out.get(3).response().body().content(), StandardCharsets.UTF_8)).isEqualTo(JSON.repeat(20));
        assertThat(out.get(3).response().body().wireLength()).isEqualTo(gz.body().length);
        assertThat(out.get(5).response().body().content()).isEmpty();
        assertThat(out).allSatisfy(e -> {
            assertThat(e.flags()).isEmpty();
            assertThat(e.timings().requestStartMicros()).isLessThanOrEqualTo(e.timings().requestEndMicros());
            assertThat(e.timings().requestEndMicros()).isLessThanOrEqualTo(e.timings().responseStartMicros());
            assertThat(e.timings().responseStartMicros()).isLessThanOrEqualTo(e.timings().responseEndMicros());
        });
        assertThat(out).extracting(e -> e.connection().id()).containsOnly(out.get(0).connection().id());
    }

    @Test
    void expectContinueFromTheRealClientShowsTheInterimResponse() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/echo")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("continued body")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("continued body");
        List<io.periscope.events.http.HttpExchange> out = replay();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).response().informational()).containsExactly(100);
        assertThat(out.get(0).response().status()).isEqualTo(201);
        assertThat(new String(out.get(0).request().body().content(), StandardCharsets.UTF_8)).isEqualTo("continued body");
        assertThat(out.get(0).flags()).doesNotContain(ExchangeFlag.UNPAIRED_RESPONSE, ExchangeFlag.UNPAIRED_REQUEST);
    }
}
