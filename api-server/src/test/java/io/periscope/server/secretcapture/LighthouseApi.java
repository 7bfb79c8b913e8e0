package io.periscope.server.secretcapture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.periscope.server.cli.sample.LoopbackApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * "Lighthouse Pay", a fictional payments REST API (JDK HttpServer on loopback) that hands out and
 * echoes secrets the way real APIs do: tokens in sign-in and register response bodies, a session
 * cookie, profiles with SSN, IBAN, card, birth date and phone, payments echoing card numbers, an admin
 * user list with bcrypt hashes, presigned S3 download URLs, a JWT in a response header and in a redirect. Responses are gzip-compressed when the client
 * accepts it, and the token endpoint answers chunked. Every secret it makes up goes into the ledger.
 */
final class LighthouseApi implements LoopbackApi {
    /** The service account whose Basic credentials read the admin user list. */
    static final String ADMIN_USER = "svc-backoffice";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAYMENT = Pattern.compile("/v1/payments/(pay_\\w+)");
    private static final Pattern FILE = Pattern.compile("/v1/files/(\\w+)");
    private static final Pattern FILE_CONTENT = Pattern.compile("/v1/files/(\\w+)/content");

    private final HttpServer server;
    private final SecretLedger ledger;
    private final FictionalData data = new FictionalData(7);
    private final String adminPassword;
    private final Map<String, ObjectNode> usersByEmail = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> usersByToken = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();

    LighthouseApi(SecretLedger ledger, String adminPassword) throws IOException {
        this.ledger = ledger;
        this.adminPassword = adminPassword;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @Override
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange, exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            send(exchange, 500, JSON.createObjectNode().put("error", "internal"));
        }
    }

    private void route(HttpExchange exchange, String route, String body) throws IOException {
        Matcher payment = PAYMENT.matcher(exchange.getRequestURI().getPath());
        Matcher fileContent = FILE_CONTENT.matcher(exchange.getRequestURI().getPath());
        Matcher file = FILE.matcher(exchange.getRequestURI().getPath());
        if (route.equals("POST /v1/auth/register")) {
            register(exchange, JSON.readTree(body));
        } else if (route.equals("POST /v1/auth/sign-in")) {
            signIn(exchange, body);
        } else if (route.equals("POST /v1/auth/token")) {
            refresh(exchange);
        } else if (route.equals("GET /v1/oauth/authorize")) {
            // implicit grant: the token travels back in the redirect URL
            exchange.getResponseHeaders().add("Location", "https://app.lighthouse-pay.example/welcome?state=st1&access_token="
                    + ledger.add(Needle.Kind.JWT, "access_token in a Location response header", data.jwt("usr_implicit", "lighthouse-web")));
            exchange.sendResponseHeaders(302, -1);
        } else if (route.equals("GET /v1/admin/users")) {
            adminUsers(exchange);
        } else if (route.startsWith("POST /v1/") && !route.startsWith("POST /v1/payments")
                || route.startsWith("GET /v1/") && !authenticatedGet(route)) {
            // integrations, documents, support tickets, callbacks, exports: accepted without a session here
            send(exchange, route.startsWith("POST") ? 201 : 200, JSON.createObjectNode().put("status", "accepted")
                    .put("requestId", exchange.getRequestHeaders().getFirst("X-Request-Id")));
        } else {
            ObjectNode user = bearer(exchange);
            if (user == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"lighthouse\"");
                send(exchange, 401, JSON.createObjectNode().put("error", "unauthorized"));
            } else if (route.equals("GET /v1/me")) {
                send(exchange, 200, user);
            } else if (route.equals("PUT /v1/me")) {
                user.setAll((ObjectNode) JSON.readTree(body));
                send(exchange, 200, user);
            } else if (route.equals("POST /v1/payments")) {
                ObjectNode created = ((ObjectNode) JSON.readTree(body)).put("id", "pay_" + data.hex(12)).put("status", "authorized");
                payments.put(created.path("id").asText(), created);
                exchange.getResponseHeaders().add("Location", "/v1/payments/" + created.path("id").asText());
                send(exchange, 201, created);
            } else if (route.equals("GET /v1/payments")) {
                ArrayNode items = JSON.createArrayNode().addAll(payments.values());
                send(exchange, 200, JSON.createObjectNode().put("query", exchange.getRequestURI().getRawQuery()).set("items", items));
            } else if (payment.matches() && payments.containsKey(payment.group(1))) {
                send(exchange, 200, payments.get(payment.group(1)));
            } else if (fileContent.matches()) {
                send(exchange, 200, JSON.createObjectNode().put("file", fileContent.group(1)).put("pages", 3));
            } else if (file.matches()) {
                send(exchange, 200, JSON.createObjectNode().put("name", file.group(1) + ".pdf")
                        .put("downloadUrl", presignedUrl(file.group(1))).put("expiresIn", 300));
            } else {
                send(exchange, 404, JSON.createObjectNode().put("error", "not_found"));
            }
        }
    }

    /** Routes that need a session; other GETs under /v1 carry their credentials themselves (query, headers). */
    private static boolean authenticatedGet(String route) {
        return route.equals("GET /v1/me") || route.startsWith("GET /v1/payments") || route.startsWith("GET /v1/files/");
    }

    private void register(HttpExchange exchange, JsonNode request) throws IOException {
        ObjectNode user = JSON.createObjectNode().put("id", "usr_" + data.hex(10));
        request.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("password")) {
                user.set(f.getKey(), f.getValue());
            }
        });
        user.put("passwordHash", ledger.add(Needle.Kind.PASSWORD_HASH, "admin user list response body", data.bcryptHash()));
        user.put("password_", request.path("password").asText()); // kept server-side only, removed from every answer
        usersByEmail.put(request.path("email").asText(), user);
        exchange.getResponseHeaders().add("Location", "/v1/users/" + user.path("id").asText());
        send(exchange, 201, tokens(user, "register response body").set("user", publicView(user)));
    }

    private void signIn(HttpExchange exchange, String body) throws IOException {
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String email;
        String password;
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            Map<String, String> form = form(body);
            email = form.get("username");
            password = form.get("password");
        } else {
            JsonNode json = JSON.readTree(body);
            email = json.path("email").asText();
            password = json.path("password").asText();
        }
        ObjectNode user = usersByEmail.get(email);
        if (user == null || !user.path("password_").asText().equals(password)) {
            send(exchange, 401, JSON.createObjectNode().put("error", "invalid_credentials"));
            return;
        }
        String session = ledger.add(Needle.Kind.SESSION_COOKIE, "sign-in Set-Cookie, later Cookie", data.alnum(32));
        exchange.getResponseHeaders().add("Set-Cookie", "lp_session=" + session + "; Path=/; HttpOnly; Secure; SameSite=Lax");
        exchange.getResponseHeaders().add("X-Auth-Token", ledger.add(Needle.Kind.JWT, "X-Auth-Token response header",
                data.jwt(user.path("id").asText(), "lighthouse-edge")));
        ObjectNode answer = tokens(user, "sign-in response body");
        answer.put("idToken", ledger.add(Needle.Kind.JWT, "sign-in response body (idToken)", data.jwt(user.path("id").asText(), "lighthouse-web")));
        send(exchange, 200, answer);
    }

    private ObjectNode tokens(ObjectNode user, String where) {
        String access = ledger.add(Needle.Kind.JWT, where + " (accessToken)", data.jwt(user.path("id").asText(), "lighthouse-api"));
        usersByToken.put(access, user);
        return JSON.createObjectNode().put("tokenType", "Bearer").put("expiresIn", 900).put("accessToken", access)
                .put("refreshToken", ledger.add(Needle.Kind.OPAQUE_TOKEN, where + " (refreshToken)", "lprt_" + data.alnum(40)));
    }

    /** OAuth 2 refresh grant: snake_case names, chunked and (when accepted) gzip-compressed. */
    private void refresh(HttpExchange exchange) throws IOException {
        String where = "token endpoint chunked response body";
        String access = ledger.add(Needle.Kind.JWT, where + " (access_token)", data.jwt("usr_refresh", "lighthouse-api"));
        ObjectNode answer = JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", 900).put("access_token", access)
                .put("refresh_token", ledger.add(Needle.Kind.OPAQUE_TOKEN, where + " (refresh_token)", "lprt_" + data.alnum(40)))
                .put("id_token", ledger.add(Needle.Kind.JWT, where + " (id_token)", data.jwt("usr_refresh", "lighthouse-web")));
        byte[] bytes = encode(exchange, JSON.writeValueAsBytes(answer));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0); // 0: chunked transfer coding
        try (OutputStream out = exchange.getResponseBody()) {
            for (int off = 0; off < bytes.length; off += 64) {
                out.write(bytes, off, Math.min(64, bytes.length - off));
                out.flush();
            }
        }
    }

    private void adminUsers(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((ADMIN_USER + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, JSON.createObjectNode().put("error", "unauthorized"));
            return;
        }
        ArrayNode users = JSON.createArrayNode();
        usersByEmail.values().forEach(u -> users.add(publicView(u).put("passwordHash", u.path("passwordHash").asText())));
        send(exchange, 200, JSON.createObjectNode().set("users", users));
    }

    private String presignedUrl(String file) {
        String where = "presigned URL: response body, then download query";
        return "https://lighthouse-statements.s3.eu-west-1.amazonaws.com/statements/" + file + ".pdf"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + ledger.add(Needle.Kind.AWS_ACCESS_KEY_ID, where + " (X-Amz-Credential)", data.awsAccessKeyId())
                + "%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=300"
                + "&X-Amz-Security-Token=" + ledger.add(Needle.Kind.AWS_SESSION_TOKEN, where + " (X-Amz-Security-Token)",
                data.awsSessionToken().replace("+", "A").replace("/", "B"))
                + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + ledger.add(Needle.Kind.URL_SIGNATURE, where + " (X-Amz-Signature)", data.hex(64));
    }

    private ObjectNode bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization == null || !authorization.startsWith("Bearer ") ? null : usersByToken.get(authorization.substring(7));
    }

    private static ObjectNode publicView(ObjectNode user) {
        ObjectNode copy = user.deepCopy();
        copy.remove(java.util.List.of("password_", "passwordHash"));
        return copy;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, JsonNode json) throws IOException {
        ObjectNode body = json.isObject() ? publicViewIfUser((ObjectNode) json) : null;
        byte[] bytes = encode(exchange, JSON.writeValueAsBytes(body == null ? json : body));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static ObjectNode publicViewIfUser(ObjectNode json) {
        return json.has("password_") ? publicView(json) : json;
    }

    /** Gzip-compresses the body when the request accepts it, and says so in Content-Encoding. */
    private static byte[] encode(HttpExchange exchange, byte[] body) {
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept == null || !accept.contains("gzip")) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
