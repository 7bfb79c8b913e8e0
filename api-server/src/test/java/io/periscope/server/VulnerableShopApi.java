package io.periscope.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.periscope.server.cli.sample.LoopbackApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small, real shop API (JDK HttpServer on loopback) with the two weaknesses the recorded attacks go for: a sign-in
 * that answers 401 to every wrong login, so a list of leaked pairs can be tried against it (credential stuffing), and
 * a product search that pastes its query into SQL and answers the database's error when a quote breaks the statement
 * (an injection the response reveals, which is what makes it severe enough to block). Accounts and data are
 * fictional.
 */
final class VulnerableShopApi implements LoopbackApi {
    static final Map<String, String> ACCOUNTS = Map.of(
            "alice@example.com", "correct-horse-battery-1",
            "bruno@example.org", "staple-lantern-2",
            "chiara@example.net", "tr0ub4dor-and-3");
    private static final String MYSQL_ERROR = "You have an error in your SQL syntax; check the manual that corresponds to your "
            + "MySQL server version for the right syntax to use near '%s' at line 1";
    private static final String PRODUCTS = "[{\"id\":1,\"name\":\"Earl Grey, 250 g\",\"price\":8.90},"
            + "{\"id\":2,\"name\":\"Stoneware mug\",\"price\":14.50},{\"id\":3,\"name\":\"Gooseneck kettle\",\"price\":59.00}]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    VulnerableShopApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/login", this::login);
        server.createContext("/api/v1/products", this::products);
        server.createContext("/api/v1/orders", this::orders);
        server.createContext("/", exchange -> send(exchange, 404, "{\"error\":\"not_found\"}"));
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    private void login(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String password = ACCOUNTS.get(body.path("username").asText());
        if (password == null || !password.equals(body.path("password").asText())) {
            send(exchange, 401, "{\"error\":\"invalid_credentials\"}");
            return;
        }
        byte[] token = new byte[24];
        ThreadLocalRandom.current().nextBytes(token);
        String session = HexFormat.of().formatHex(token);
        sessions.add(session);
        send(exchange, 200, "{\"token\":\"" + session + "\",\"expires_in\":3600}");
    }

    private void products(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v1/products/search")) {
            String query = parameter(exchange.getRequestURI().getRawQuery(), "q");
            // the weakness: the query is pasted into "... WHERE name LIKE '%<q>%'"; a quote breaks the statement
            if (query.indexOf('\'') >= 0) {
                String near = query.substring(query.indexOf('\'')).replace("\\", "\\\\").replace("\"", "\\\"");
                send(exchange, 500, "{\"error\":\"" + String.format(MYSQL_ERROR, near) + "\"}");
            } else {
                send(exchange, 200, "{\"items\":" + PRODUCTS + "}");
            }
        } else if (path.matches("/api/v1/products/[1-3]")) {
            send(exchange, 200, "{\"id\":" + path.substring(path.lastIndexOf('/') + 1) + ",\"stock\":12}");
        } else {
            send(exchange, 200, "{\"items\":" + PRODUCTS + "}");
        }
    }

    private void orders(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !sessions.contains(authorization.replaceFirst("^Bearer ", ""))) {
            send(exchange, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        send(exchange, 200, "{\"items\":[{\"id\":5001,\"status\":\"paid\",\"total\":23.40}]}");
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        LoopbackApi.respondJson(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
