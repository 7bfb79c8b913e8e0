package io.periscope.server.cli.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Drives the sample API with a real HTTP/1.1 client: browsing, sign-up, authenticated reads,
 * orders paid with (test) cards, an API-key deletion, and the usual share of 401/403/404/405/422/500.
 */
final class SampleTraffic {
    /** A fictional signing key: the tokens verify, and nothing else ever trusted this key. */
    private static final byte[] JWT_KEY = "periscope-sample-signing-key-not-a-secret".getBytes(StandardCharsets.US_ASCII);
    private static final long ISSUED_AT = 1_767_225_600L; // 2026-01-01T00:00:00Z

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    SampleTraffic(String baseUrl) {
        this.base = baseUrl;
    }

    void run() throws IOException, InterruptedException {
        String ada = jwt("{\"sub\":\"1001\",\"name\":\"Ada Example\",\"email\":\"ada.example@example.com\",\"scope\":\"orders:write profile\",\"iat\":"
                + ISSUED_AT + ",\"exp\":" + (ISSUED_AT + 3600) + "}");
        String chiara = jwt("{\"sub\":\"1003\",\"name\":\"Chiara Demo\",\"role\":\"admin\",\"iat\":" + ISSUED_AT + ",\"exp\":" + (ISSUED_AT + 3600) + "}");

        get("/api/v1/products?category=tea&sort=price", null);
        get("/api/v1/products/1", null);
        get("/api/v1/products/2", null);
        get("/api/v1/products/9", null);
        post("/api/v1/users", null, "{\"name\":\"Dario Placeholder\",\"email\":\"dario.placeholder@example.com\",\"phone\":\"+1-646-555-0199\","
                + "\"address\":{\"street\":\"1 Example Way\",\"city\":\"Springfield\",\"zip\":\"00000\"}}");
        get("/api/v1/users/1001", null);
        get("/api/v1/users/1001", ada);
        get("/api/v1/users/1002", ada);
        post("/api/v1/orders", ada, "{\"items\":[{\"sku\":\"TEA-EARL-250\",\"qty\":1},{\"sku\":\"MUG-STONE-01\",\"qty\":1}],"
                + "\"payment\":{\"card\":{\"number\":\"4111111111111111\",\"expiry\":\"12/29\",\"cvc\":\"123\",\"holder\":\"Ada Example\"}}}");
        post("/api/v1/orders", ada, "{\"items\":[{\"sku\":\"KETTLE-GS-17\",\"qty\":1}],\"payment\":{\"iban\":\"unsupported\"}}");
        get("/api/v1/orders/5001", ada);
        get("/api/v1/orders?status=paid", ada);
        post("/api/v1/orders", chiara, "{\"items\":[{\"sku\":\"MUG-STONE-01\",\"qty\":4}],"
                + "\"payment\":{\"card\":{\"number\":\"5555555555554444\",\"expiry\":\"01/28\",\"cvc\":\"321\",\"holder\":\"Chiara Demo\"}}}");
        get("/api/v1/users", chiara);
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/5001")).DELETE().header("X-Api-Key", SampleApiServer.API_KEY));
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/5002")).DELETE().header("X-Api-Key", "psk_test_wrong"));
        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users/1002")).PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "Bearer " + chiara).header("Content-Type", "application/json"));
        get("/api/v1/reports/export?format=csv", chiara);
        get("/api/v1/orders/5001", ada);
        get("/admin/.env", null);
        for (int i = 1; i <= 3; i++) {
            get("/api/v1/products/" + i, null);
        }
    }

    private void get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", "application/json")
                .header("User-Agent", "shop-web/2.4.1");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        send(b);
    }

    private void post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json").header("User-Agent", "shop-web/2.4.1");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        send(b);
    }

    private void send(HttpRequest.Builder request) throws IOException, InterruptedException {
        client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(JWT_KEY, "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
