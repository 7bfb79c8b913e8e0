package io.periscope.enforcement.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * API Gateway (REST APIs, {@code restJson1}) over its real wire protocol: {@code GET /restapis/{id}},
 * {@code PATCH /restapis/{id}} with a {@code replace /policy} patch (refused over 8,192 characters as
 * {@code BadRequestException}), {@code POST /restapis/{id}/deployments}, {@code PATCH /apikeys/{id}}
 * ({@code replace /enabled}). {@code TooManyRequestsException} (429) and {@code ConflictException} (409) can be
 * injected.
 */
public final class FakeApiGateway extends FakeHttpServer {
    public static final int POLICY_LIMIT = 8_192;

    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Map<String, Boolean> keys = new ConcurrentHashMap<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private final AtomicInteger tooManyNext = new AtomicInteger();
    private final AtomicInteger conflictNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    public void createRestApi(String id, String policy) {
        policies.put(id, policy);
    }

    public void createApiKey(String id) {
        keys.put(id, true);
    }

    public String policy(String id) {
        return policies.get(id);
    }

    public boolean keyEnabled(String id) {
        return keys.get(id);
    }

    /** "apiId/stage" per deployment, in order. */
    public List<String> deployments() {
        return List.copyOf(deployments);
    }

    public void tooManyRequestsNext(int calls) {
        tooManyNext.set(calls);
    }

    public void conflictNext(int calls) {
        conflictNext.set(calls);
    }

    public int requests() {
        return requests.get();
    }

    @Override
    protected void handle(HttpExchange exchange, String body) throws IOException {
        requests.incrementAndGet();
        if (tooManyNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, 429, "TooManyRequestsException", "Too Many Requests");
            return;
        }
        String method = exchange.getRequestMethod();
        String[] path = exchange.getRequestURI().getPath().split("/");
        // "", "restapis", id[, "deployments"]  |  "", "apikeys", id
        if (path.length >= 3 && "restapis".equals(path[1]) && policies.containsKey(path[2])) {
            String id = path[2];
            if (path.length == 3 && "GET".equals(method)) {
                respond(exchange, 200, json(), restApi(id));
            } else if (path.length == 3 && "PATCH".equals(method)) {
                if (conflictNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    error(exchange, 409, "ConflictException", "another update is in progress");
                    return;
                }
                for (JsonNode op : JSON.readTree(body).path("patchOperations")) {
                    if (!"replace".equals(op.path("op").asText()) || !"/policy".equals(op.path("path").asText())) {
                        error(exchange, 400, "BadRequestException", "unsupported patch " + op);
                        return;
                    }
                    String policy = op.path("value").asText();
                    if (policy.length() > POLICY_LIMIT) {
                        error(exchange, 400, "BadRequestException", "policy exceeds " + POLICY_LIMIT + " characters");
                        return;
                    }
                    policies.put(id, policy);
                }
                respond(exchange, 200, json(), restApi(id));
            } else if (path.length == 4 && "deployments".equals(path[3]) && "POST".equals(method)) {
                deployments.add(id + "/" + JSON.readTree(body).path("stageName").asText());
                respond(exchange, 201, json(), "{\"id\":\"dep-" + deployments.size() + "\"}");
            } else {
                error(exchange, 404, "NotFoundException", "not faked");
            }
        } else if (path.length == 3 && "apikeys".equals(path[1]) && keys.containsKey(path[2]) && "PATCH".equals(method)) {
            for (JsonNode op : JSON.readTree(body).path("patchOperations")) {
                if ("/enabled".equals(op.path("path").asText())) {
                    keys.put(path[2], Boolean.parseBoolean(op.path("value").asText()));
                }
            }
            respond(exchange, 200, json(), "{\"id\":\"" + path[2] + "\",\"enabled\":" + keys.get(path[2]) + "}");
        } else {
            error(exchange, 404, "NotFoundException", "Invalid resource identifier specified");
        }
    }

    private String restApi(String id) throws IOException {
        ObjectNode api = JSON.createObjectNode();
        api.put("id", id);
        api.put("name", "api-" + id);
        String policy = policies.get(id);
        if (policy != null && !policy.isEmpty()) {
            api.put("policy", policy);
        }
        return JSON.writeValueAsString(api);
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", type),
                "{\"message\":\"" + message.replace("\"", "'") + "\"}");
    }
}
