package io.periscope.server.attacklab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One simulated person's HTTP client (its own connections, HTTP/1.1 keep-alive) behind the load balancer: every
 * request carries the person's address in {@code X-Forwarded-For}, as the trusted proxy in front of the API adds it.
 */
final class LabClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status and body (JSON when the API answered JSON). */
    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String address;
    private String agent;

    LabClient(String base, String address, String agent) {
        this.base = base;
        this.address = address;
        this.agent = agent;
    }

    /** The person moved (another network, another device). */
    void moveTo(String newAddress, String newAgent) {
        this.address = newAddress;
        this.agent = newAgent;
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token, Map.of()).GET());
    }

    Reply get(String path, String token, Map<String, String> headers) throws IOException, InterruptedException {
        return send(request(path, token, headers).GET());
    }

    Reply postJson(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token, Map.of("Content-Type", "application/json"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    /** Signs in with JSON and returns the token, or null when the API refused. */
    String signIn(String username, String password) throws IOException, InterruptedException {
        Reply r = postJson("/api/v1/auth/login", null, Map.of("username", username, "password", password));
        return r.status() == 200 ? r.json().path("token").asText(null) : null;
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").header("User-Agent", agent).header("X-Forwarded-For", address);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b;
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }
}
