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
 * {@code BadRequestException}), {@code POST /restapis/{id}/deployments} (which creates or moves the stage, as AWS
 * does), {@code GET /restapis/{id}/stages/{stage}} ({@code NotFoundException} for a stage never deployed),
 * {@code GET /restapis/{id}/deployments/{deploymentId}}, {@code PATCH /apikeys/{id}} ({@code replace /enabled}).
 * {@code TooManyRequestsException} (429) and {@code ConflictException} (409) can be injected, and a failure of the
 * next deployments ({@code BadRequestException}, not retryable), to stop a round between update and deployment.
 */
public final class FakeApiGateway extends FakeHttpServer {
    public static final int POLICY_LIMIT = 8_192;

    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Map<String, Boolean> keys = new ConcurrentHashMap<>();
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private final AtomicInteger tooManyNext = new AtomicInteger();
    private final AtomicInteger conflictNext = new AtomicInteger();
    private final AtomicInteger failDeploymentsNext = new AtomicInteger();
    /** deployment id → description. */
    private final Map<String, String> deploymentDescriptions = new ConcurrentHashMap<>();
    /** "apiId/stage" → the stage's current deployment id. */
    private final Map<String, String> stages = new ConcurrentHashMap<>();
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

    public void failDeploymentsNext(int calls) {
        failDeploymentsNext.set(calls);
    }

    /** A deployment someone else made (the console, a pipeline) on a stage. */
    public void deployByHand(String apiId, String stage) {
        deploy(apiId, stage, "deployed by hand");
    }

    private synchronized String deploy(String apiId, String stage, String description) {
        deployments.add(apiId + "/" + stage);
        String id = "dep-" + deployments.size();
        deploymentDescriptions.put(id, description);
        stages.put(apiId + "/" + stage, id);
        return id;
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
                if (failDeploymentsNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    error(exchange, 400, "BadRequestException", "injected deployment failure");
                    return;
                }
                JsonNode request = JSON.readTree(body);
                String deployment = deploy(id, request.path("stageName").asText(), request.path("description").asText());
                respond(exchange, 201, json(), "{\"id\":\"" + deployment + "\"}");
            } else if (path.length == 5 && "stages".equals(path[3]) && "GET".equals(method)) {
                String deployment = stages.get(id + "/" + path[4]);
                if (deployment == null) {
                    error(exchange, 404, "NotFoundException", "Invalid stage identifier specified");
                    return;
                }
                ObjectNode stage = JSON.createObjectNode().put("stageName", path[4]).put("deploymentId", deployment);
                respond(exchange, 200, json(), JSON.writeValueAsString(stage));
            } else if (path.length == 5 && "deployments".equals(path[3]) && "GET".equals(method)
                    && deploymentDescriptions.containsKey(path[4])) {
                ObjectNode deployment = JSON.createObjectNode().put("id", path[4])
                        .put("description", deploymentDescriptions.get(path[4]));
                respond(exchange, 200, json(), JSON.writeValueAsString(deployment));
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
