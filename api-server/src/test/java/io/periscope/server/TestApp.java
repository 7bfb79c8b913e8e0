package io.periscope.server;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.periscope.broker.EmbeddedKafkaBroker;
import io.periscope.server.kafka.KafkaRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.awaitility.core.ConditionTimeoutException;

/** A standalone Periscope on free ports with a known admin token, and a plain HTTP client for it. */
final class TestApp implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdefghijklmnop";
    static final ObjectMapper JSON = new ObjectMapper();

    final ApplicationContext context;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private TestApp(ApplicationContext context) {
        this.context = context;
    }

    static Map<String, Object> properties(Path dataDir) {
        Map<String, Object> p = new HashMap<>();
        p.put("periscope.data-dir", dataDir.toString());
        p.put("periscope.http.port", 0);
        p.put("periscope.kafka.embedded.port", 0);
        p.put("periscope.mirror.udp.port", 0);
        p.put("periscope.mirror.health.port", 0);
        p.put("periscope.mirror.udp.bind-address", "127.0.0.1");
        p.put("periscope.mirror.health.bind-address", "127.0.0.1");
        p.put("periscope.kafka.topics.exchanges.partitions", 2);
        p.put("periscope.kafka.topics.catalog.partitions", 2);
        p.put("periscope.admin-token", ADMIN_TOKEN);
        // the warm-up costs seconds of CPU per start; ReceiverColdStartTest runs with it, as production does
        p.put("periscope.mirror.warmup.enabled", false);
        return p;
    }

    /**
     * Settings of an app whose data lives in {@code dataDir} and whose Kafka is the broker with log directory
     * {@code brokerLogDir} at {@code bootstrap}, reached as any external cluster that requires SASL/SCRAM: through
     * the typed security keys, the password in a file of its own (written beside the data).
     */
    static Map<String, Object> externalClusterProperties(Path dataDir, Path brokerLogDir, String bootstrap) {
        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(EmbeddedKafkaBroker.credentialsFile(brokerLogDir))) {
            credentials.load(in);
            Files.createDirectories(dataDir);
            Path passwordFile = Files.writeString(dataDir.resolve("kafka-password"), credentials.getProperty("password"));
            Map<String, Object> p = properties(dataDir);
            p.put("periscope.kafka.bootstrap", bootstrap);
            p.put("periscope.kafka.security.protocol", "SASL_PLAINTEXT");
            p.put("periscope.kafka.sasl.mechanism", "SCRAM-SHA-512");
            p.put("periscope.kafka.sasl.username", credentials.getProperty("username"));
            p.put("periscope.kafka.sasl.password-file", passwordFile.toString());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of a second app on this app's broker (as another machine of a scale-out would be set up). */
    Map<String, Object> sharingKafkaWith(Path dataDir) {
        Path brokerLogDir = Path.of(context.getProperty("periscope.data-dir", String.class).orElseThrow())
                .resolve("kafka");
        return externalClusterProperties(dataDir, brokerLogDir, context.getBean(KafkaRuntime.class).bootstrapServers());
    }

    static TestApp start(Path dataDir) {
        return start(properties(dataDir));
    }

    /** Starts the application and returns without waiting for readiness. */
    static TestApp startWithoutWaiting(Map<String, Object> properties) {
        return new TestApp(Periscope.start(properties));
    }

    /** Starts the application and returns once it is ready ({@link #awaitReady()}). */
    static TestApp start(Map<String, Object> properties) {
        TestApp app = new TestApp(Periscope.start(properties));
        try {
            app.awaitReady();
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * Waits until the readiness probe {@code GET /health} answers 200: Kafka reachable, the catalog read model
     * caught up, discovery running with its stores restored. The one readiness wait of the tests.
     */
    TestApp awaitReady() {
        try {
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> send(request("/health")).statusCode() == 200);
                return this;
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("not ready after 120 s: " + send(asAdmin("/api/v1/health")).body(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        }
    }

    /** The detailed health ({@code GET /api/v1/health}), read with the admin token. */
    JsonNode health() throws IOException, InterruptedException {
        return json(send(asAdmin("/api/v1/health")));
    }

    /**
     * Everything a test needs to open its own Kafka client (producer, consumer, Admin) on this app's
     * broker: bootstrap servers and the broker's SASL credentials. A fresh, mutable map on each call.
     */
    Map<String, Object> kafkaClientProperties() {
        return context.getBean(KafkaRuntime.class).clientProperties();
    }

    URI uri(String path) {
        return context.getBean(EmbeddedServer.class).getURI().resolve(path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    HttpRequest.Builder asAdmin(String path) {
        return request(path).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a token with the admin token and returns its secret. */
    String createToken(String name, String role) throws IOException, InterruptedException {
        HttpResponse<String> created = send(asAdmin("/api/v1/tokens").header("Content-Type", "application/json")
                .POST(jsonBody(Map.of("name", name, "role", role))));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("token creation answered " + created.statusCode() + ": " + created.body());
        }
        return json(created).path("token").asText();
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static HttpRequest.BodyPublisher jsonBody(Object value) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    @Override
    public void close() {
        context.close();
    }
}
