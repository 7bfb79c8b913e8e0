package io.periscope.discovery.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small REST API with fictional data, served by the JDK HTTP server: users with personal data behind a
 * bearer token, public profiles that leak e-mail addresses without one, orders carrying card numbers, a form
 * login, a search that takes an API key in the query string, products by UUID, and an onboarding status
 * whose name must stay literal.
 */
public final class ShopApi implements AutoCloseable {
    private static final Pattern USER = Pattern.compile("/api/v1/users/(\\d+)");
    private static final Pattern USER_ORDERS = Pattern.compile("/api/v1/users/(\\d+)/orders");
    private static final Pattern PROFILE = Pattern.compile("/api/v1/public/profiles/(\\d+)");
    private static final Pattern PRODUCT = Pattern.compile("/api/v1/products/([0-9a-f-]{36})");
    private static final Pattern SHOP = Pattern.compile("/api/v1/shop/([a-z-]+)");

    private final HttpServer server;

    public ShopApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        byte[] requestBody = ex.getRequestBody().readAllBytes();
        boolean authed = ex.getRequestHeaders().getFirst("Authorization") != null;
        Matcher m;
        if (method.equals("GET") && (m = USER_ORDERS.matcher(path)).matches()) {
            if (!authed) {
                send(ex, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            String status = query(ex, "status");
            send(ex, 200, "[{\"orderId\":\"" + UUID.nameUUIDFromBytes(m.group(1).getBytes(StandardCharsets.UTF_8))
                    + "\",\"total\":42.5,\"status\":\"" + (status == null ? "open" : status) + "\"}]");
        } else if (method.equals("GET") && (m = USER.matcher(path)).matches()) {
            if (!authed) {
                send(ex, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            int id = Integer.parseInt(m.group(1));
            send(ex, 200, "{\"id\":" + id + ",\"name\":\"Customer " + id + "\",\"email\":\"customer" + id + "@example.org\","
                    + "\"phone\":\"+1415867530" + (id % 10) + "\",\"dateOfBirth\":\"1980-0" + (1 + id % 9) + "-15\",\"tier\":\""
                    + (id % 2 == 0 ? "gold" : "silver") + "\"}");
        } else if (method.equals("GET") && (m = PROFILE.matcher(path)).matches()) {
            send(ex, 200, "{\"id\":" + m.group(1) + ",\"displayName\":\"Pat\",\"email\":\"pat" + m.group(1) + "@example.org\"}");
        } else if (method.equals("POST") && path.equals("/api/v1/orders")) {
            send(ex, 201, "{\"orderId\":\"" + UUID.nameUUIDFromBytes(requestBody) + "\",\"createdAt\":\"2024-05-01T12:00:00Z\"}");
        } else if (method.equals("POST") && path.equals("/api/v1/login")) {
            send(ex, 200, "{\"expiresIn\":3600}");
        } else if (method.equals("GET") && path.equals("/api/v1/search")) {
            send(ex, 200, "{\"results\":[{\"sku\":\"LAMP-1\"}],\"total\":1}");
        } else if (method.equals("GET") && (m = PRODUCT.matcher(path)).matches()) {
            send(ex, 200, "{\"id\":\"" + m.group(1) + "\",\"name\":\"Desk lamp\",\"price\":19.99}");
        } else if (method.equals("GET") && path.equals("/api/v1/org/onboardingStatus")) {
            send(ex, 200, "{\"step\":\"done\"}");
        } else if (method.equals("GET") && (m = SHOP.matcher(path)).matches()) {
            send(ex, 200, "{\"slug\":\"" + m.group(1) + "\",\"stock\":3}");
        } else {
            send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
