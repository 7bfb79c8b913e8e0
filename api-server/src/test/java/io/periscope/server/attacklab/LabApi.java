package io.periscope.server.attacklab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.periscope.server.cli.sample.LoopbackApi;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic REST API of a fictional tea shop (JDK HttpServer, loopback): sign-in with JSON or a form that issues
 * a signed JWT, a public catalog with search and paging, and orders owned by customers. Like many real APIs it has
 * one authorization bug: {@code GET /api/v1/orders/{id}} checks the token but not that the order is the caller's
 * (OWASP API1), which is what the BOLA attacker exploits. Nothing is injectable: the attack tools find nothing,
 * their requests are what is detected.
 */
final class LabApi implements LoopbackApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_QUERY = 256;

    private record Order(long id, String owner, int productId, int quantity, double total) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Map<String, LabAccount> byUsername = new HashMap<>();
    private final Map<String, LabAccount> byId = new HashMap<>();
    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong nextOrder;

    LabApi() throws IOException {
        for (LabAccount a : LabData.accounts()) {
            byUsername.put(a.username(), a);
            byId.put(a.id(), a);
        }
        LabData.orders().forEach((id, owner) -> {
            int product = (int) (id * 31 % LabData.PRODUCTS) + 1;
            int quantity = (int) (id % 3) + 1;
            orders.put(id, new Order(id, owner, product, quantity, quantity * LabData.productPrice(product)));
        });
        nextOrder = new AtomicLong(LabData.FIRST_ORDER + orders.size());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(executor);
        server.createContext("/", this::route);
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/api/v1/auth/login")) {
                if (method.equals("POST")) {
                    login(exchange);
                } else {
                    send(exchange, 405, Map.of("error", "method_not_allowed"));
                }
            } else if (path.equals("/api/v1/products") && method.equals("GET")) {
                products(exchange);
            } else if (path.startsWith("/api/v1/products/") && method.equals("GET")) {
                product(exchange, path.substring("/api/v1/products/".length()));
            } else if (path.equals("/api/v1/me") || path.startsWith("/api/v1/orders")) {
                String caller = caller(exchange);
                if (caller == null) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"tea-shop\"");
                    send(exchange, 401, Map.of("error", "unauthorized"));
                } else if (path.equals("/api/v1/me")) {
                    LabAccount a = byId.get(caller);
                    send(exchange, 200, Map.of("id", a.id(), "username", a.username(), "name", a.name()));
                } else {
                    orders(exchange, caller, path, method);
                }
            } else {
                send(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY);
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        String username;
        String password;
        if (contentType.startsWith("application/json")) {
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                send(exchange, 400, Map.of("error", "malformed_json"));
                return;
            }
            username = json == null ? null : json.path("username").asText(null);
            password = json == null ? null : json.path("password").asText(null);
        } else {
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            username = form.get("username");
            password = form.get("password");
        }
        if (username == null || password == null) {
            send(exchange, 400, Map.of("error", "username_and_password_required"));
            return;
        }
        LabAccount account = byUsername.get(username);
        if (account == null || !account.password().equals(password)) {
            // 400, as an OAuth token endpoint answers invalid_grant (RFC 6749 5.2); hydra also gives up on a 401 form
            send(exchange, 400, Map.of("error", "invalid_credentials"));
            return;
        }
        send(exchange, 200, Map.of("token", LabTokens.issue(account, System.currentTimeMillis() / 1000),
                "tokenType", "Bearer", "expiresIn", LabTokens.LIFETIME_SECONDS));
    }

    private void products(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String q = query.getOrDefault("q", "").toLowerCase(Locale.ROOT);
        int page = number(query.get("page"), 1, 1, 100_000);
        int size = number(query.get("size"), 12, 1, 50);
        List<Map<String, Object>> items = new ArrayList<>();
        int matched = 0;
        int skip = (page - 1) * size;
        for (int id = 1; id <= LabData.PRODUCTS; id++) {
            if (!q.isEmpty() && !LabData.productName(id).toLowerCase(Locale.ROOT).contains(q)) {
                continue;
            }
            if (matched >= skip && items.size() < size) {
                items.add(product(id));
            }
            matched++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("page", page);
        out.put("size", size);
        out.put("total", matched);
        send(exchange, 200, out);
    }

    private void product(HttpExchange exchange, String id) throws IOException {
        int n = number(id, 0, 0, Integer.MAX_VALUE);
        if (n < 1 || n > LabData.PRODUCTS) {
            send(exchange, 404, Map.of("error", "product_not_found"));
        } else {
            send(exchange, 200, product(n));
        }
    }

    private static Map<String, Object> product(int id) {
        return Map.of("id", id, "name", LabData.productName(id), "price", LabData.productPrice(id), "currency", "EUR");
    }

    private void orders(HttpExchange exchange, String caller, String path, String method) throws IOException {
        if (path.equals("/api/v1/orders") && method.equals("GET")) {
            List<Map<String, Object>> mine = orders.values().stream().filter(o -> o.owner().equals(caller))
                    .sorted((a, b) -> Long.compare(b.id(), a.id())).map(LabApi::view).toList();
            send(exchange, 200, Map.of("items", mine, "total", mine.size()));
        } else if (path.equals("/api/v1/orders") && method.equals("POST")) {
            JsonNode json;
            try {
                json = JSON.readTree(exchange.getRequestBody().readNBytes(MAX_BODY));
            } catch (IOException e) {
                send(exchange, 400, Map.of("error", "malformed_json"));
                return;
            }
            int product = json == null ? 0 : json.path("productId").asInt();
            int quantity = json == null ? 0 : json.path("quantity").asInt();
            if (product < 1 || product > LabData.PRODUCTS || quantity < 1 || quantity > 20) {
                send(exchange, 422, Map.of("error", "validation_failed"));
                return;
            }
            Order o = new Order(nextOrder.getAndIncrement(), caller, product, quantity, quantity * LabData.productPrice(product));
            orders.put(o.id(), o);
            exchange.getResponseHeaders().add("Location", "/api/v1/orders/" + o.id());
            send(exchange, 201, view(o));
        } else if (path.startsWith("/api/v1/orders/") && method.equals("GET")) {
            long id = number(path.substring("/api/v1/orders/".length()), 0, 0, Integer.MAX_VALUE);
            Order o = orders.get(id);
            // the bug: whose order it is is never checked
            send(exchange, o == null ? 404 : 200, o == null ? Map.of("error", "order_not_found") : view(o));
        } else {
            send(exchange, 405, Map.of("error", "method_not_allowed"));
        }
    }

    private static Map<String, Object> view(Order o) {
        return Map.of("id", o.id(), "customerId", o.owner(), "productId", o.productId(), "quantity", o.quantity(),
                "total", Math.round(o.total() * 100) / 100.0, "status", "paid");
    }

    /** The subject of a valid bearer token, or null. */
    private static String caller(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return LabTokens.verifiedSubject(authorization.substring(7).trim(), System.currentTimeMillis() / 1000);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.length() > MAX_BODY) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            value.length() > MAX_QUERY ? value.substring(0, MAX_QUERY) : value);
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the pair is ignored, as most frameworks do
                }
            }
        }
        return out;
    }

    private static int number(String text, int fallback, int min, int max) {
        if (text == null || text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return fallback;
        }
        int n = Integer.parseInt(text);
        return n < min || n > max ? fallback : n;
    }

    private static void send(HttpExchange exchange, int status, Object json) throws IOException {
        LoopbackApi.respondJson(exchange, status, JSON.writeValueAsBytes(json));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
