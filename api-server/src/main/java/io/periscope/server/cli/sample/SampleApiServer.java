package io.periscope.server.cli.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, real REST API (JDK HttpServer) serving fictional shop data: users, products, orders.
 * Protected routes want a Bearer token or an API key, so the sample carries realistic credentials;
 * every name, e-mail address (example.com/.org), phone number (555-01xx) and card number (issuers'
 * published test numbers) is fictional.
 */
final class SampleApiServer implements LoopbackApi {
    static final String API_KEY = "psk_test_7f3a9c2e5b1d4a8f9e0c6b2a";

    private static final Pattern USER = Pattern.compile("/api/v1/users/(\\d+)");
    private static final Pattern PRODUCT = Pattern.compile("/api/v1/products/(\\d+)");
    private static final Pattern ORDER = Pattern.compile("/api/v1/orders/(\\d+)");

    private static final Map<Integer, String> USERS = Map.of(
            1001, "{\"id\":1001,\"name\":\"Ada Example\",\"email\":\"ada.example@example.com\",\"phone\":\"+1-202-555-0143\",\"role\":\"customer\"}",
            1002, "{\"id\":1002,\"name\":\"Bruno Sample\",\"email\":\"bruno.sample@example.org\",\"phone\":\"+1-415-555-0178\",\"role\":\"customer\"}",
            1003, "{\"id\":1003,\"name\":\"Chiara Demo\",\"email\":\"chiara.demo@example.net\",\"phone\":\"+1-312-555-0110\",\"role\":\"admin\"}");
    private static final Map<Integer, String> PRODUCTS = Map.of(
            1, "{\"id\":1,\"sku\":\"TEA-EARL-250\",\"name\":\"Earl Grey, 250 g\",\"price\":8.90,\"currency\":\"EUR\",\"stock\":120}",
            2, "{\"id\":2,\"sku\":\"MUG-STONE-01\",\"name\":\"Stoneware mug\",\"price\":14.50,\"currency\":\"EUR\",\"stock\":35}",
            3, "{\"id\":3,\"sku\":\"KETTLE-GS-17\",\"name\":\"Gooseneck kettle 1.7 l\",\"price\":59.00,\"currency\":\"EUR\",\"stock\":0}");

    private final HttpServer server;
    private final Map<Integer, String> orders = new ConcurrentHashMap<>();
    private final AtomicInteger nextOrder = new AtomicInteger(5001);

    SampleApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/users", this::users);
        server.createContext("/api/v1/products", this::products);
        server.createContext("/api/v1/orders", this::orders);
        server.createContext("/api/v1/reports", this::reports);
        server.createContext("/", exchange -> send(exchange, 404, "{\"error\":\"not_found\",\"path\":\"" + exchange.getRequestURI().getPath() + "\"}"));
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    private void users(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        boolean signUp = method.equals("POST") && path.equals("/api/v1/users");
        if (!signUp && !authorized(exchange)) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"shop\"");
            send(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        Matcher m = USER.matcher(path);
        if (method.equals("GET") && m.matches()) {
            String user = USERS.get(Integer.parseInt(m.group(1)));
            send(exchange, user == null ? 404 : 200, user == null ? "{\"error\":\"user_not_found\"}" : user);
        } else if (signUp) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Location", "/api/v1/users/1004");
            send(exchange, 201, "{\"id\":1004," + body.substring(body.indexOf('{') + 1));
        } else if (method.equals("GET") && path.equals("/api/v1/users")) {
            send(exchange, 200, "[" + String.join(",", USERS.get(1001), USERS.get(1002), USERS.get(1003)) + "]");
        } else {
            send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
        }
    }

    private void products(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher m = PRODUCT.matcher(path);
        if (m.matches()) {
            String product = PRODUCTS.get(Integer.parseInt(m.group(1)));
            send(exchange, product == null ? 404 : 200, product == null ? "{\"error\":\"product_not_found\"}" : product);
        } else {
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().add("X-Total-Count", "3");
            send(exchange, 200, "{\"query\":\"" + (query == null ? "" : query) + "\",\"items\":["
                    + String.join(",", PRODUCTS.get(1), PRODUCTS.get(2), PRODUCTS.get(3)) + "]}");
        }
    }

    private void orders(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Matcher m = ORDER.matcher(path);
        if (method.equals("DELETE") && m.matches()) {
            if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
                send(exchange, 403, "{\"error\":\"forbidden\"}");
                return;
            }
            orders.remove(Integer.parseInt(m.group(1)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (!authorized(exchange)) {
            send(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        if (method.equals("POST") && path.equals("/api/v1/orders")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!body.contains("\"card\"")) {
                send(exchange, 422, "{\"error\":\"validation_failed\",\"field\":\"payment.card\"}");
                return;
            }
            int id = nextOrder.getAndIncrement();
            String last4 = body.replaceAll("(?s).*\"number\":\"\\d*(\\d{4})\".*", "$1");
            String order = "{\"id\":" + id + ",\"status\":\"paid\",\"payment\":{\"brand\":\"visa\",\"last4\":\"" + last4 + "\"},\"total\":23.40}";
            orders.put(id, order);
            exchange.getResponseHeaders().add("Location", "/api/v1/orders/" + id);
            send(exchange, 201, order);
        } else if (method.equals("GET") && m.matches()) {
            String order = orders.get(Integer.parseInt(m.group(1)));
            send(exchange, order == null ? 404 : 200, order == null ? "{\"error\":\"order_not_found\"}" : order);
        } else if (method.equals("GET")) {
            send(exchange, 200, "{\"items\":[" + String.join(",", orders.values()) + "]}");
        } else {
            send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
        }
    }

    private void reports(HttpExchange exchange) throws IOException {
        send(exchange, 500, "{\"error\":\"internal\",\"message\":\"report backend timed out\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
    }

    private static boolean authorized(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 40;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        LoopbackApi.respondJson(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
