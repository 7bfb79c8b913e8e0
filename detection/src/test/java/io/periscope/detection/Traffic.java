package io.periscope.detection;

import io.periscope.events.http.Body;
import io.periscope.events.http.ClientIpSource;
import io.periscope.events.http.Connection;
import io.periscope.events.http.Credential;
import io.periscope.events.http.Header;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.JwtInfo;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builds exchanges as the sensor publishes them (credentials redacted and described), for detection tests. */
public final class Traffic {
    private static final AtomicLong IDS = new AtomicLong();
    public static final String HOST = "shop.example.test";

    private final String ip;
    private String method = "GET";
    private String path = "/";
    private int status = 200;
    private long timeMicros;
    private String agent = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0";
    private final List<Credential> credentials = new ArrayList<>();
    private String requestBody;
    private long responseBytes = 512;
    private String responseBody;

    private Traffic(String ip) {
        this.ip = ip;
    }

    public static Traffic from(String ip) {
        return new Traffic(ip);
    }

    public Traffic get(String path) {
        this.method = "GET";
        this.path = path;
        return this;
    }

    public Traffic method(String method, String path) {
        this.method = method;
        this.path = path;
        return this;
    }

    public Traffic status(int status) {
        this.status = status;
        return this;
    }

    public Traffic at(long timeMicros) {
        this.timeMicros = timeMicros;
        return this;
    }

    public Traffic agent(String agent) {
        this.agent = agent;
        return this;
    }

    public Traffic responseBytes(long bytes) {
        this.responseBytes = bytes;
        return this;
    }

    /** A bearer JWT presented in Authorization. */
    public Traffic jwt(String fingerprint, String alg, String sub) {
        credentials.add(new Credential(Credential.Location.HEADER, "Authorization", "Bearer", fingerprint, null,
                new JwtInfo(alg, "k1", "JWT", "https://id.example.test", sub, List.of("shop"), null, null, null)));
        return this;
    }

    /** A JSON request body (a write). */
    public Traffic body(String json) {
        this.requestBody = json;
        return this;
    }

    /** A JSON response body. */
    public Traffic responseBody(String json) {
        this.responseBody = json;
        return this;
    }

    /** An opaque bearer token presented in Authorization. */
    public Traffic token(String fingerprint) {
        credentials.add(new Credential(Credential.Location.HEADER, "Authorization", "Bearer", fingerprint, null, null));
        return this;
    }

    /** A JSON sign-in: POST /api/login with the login name and a redacted password. */
    public Traffic signIn(String login, String passwordFingerprint) {
        this.method = "POST";
        this.path = "/api/login";
        this.requestBody = "{\"username\":\"" + login + "\",\"password\":\"[redacted:Password:" + passwordFingerprint + "]\"}";
        credentials.add(new Credential(Credential.Location.BODY, "/password", "Password", passwordFingerprint, null, null));
        return this;
    }

    /**
     * A JSON sign-in with an e-mail login as the sensor publishes it: masked in the body ({@code a***@example.com}) and
     * described by a keyed {@code Login} fingerprint.
     */
    public Traffic signInWithEmail(String maskedEmail, String loginFingerprint, String passwordFingerprint) {
        this.method = "POST";
        this.path = "/api/login";
        this.requestBody = "{\"email\":\"[masked:email:" + maskedEmail + "]\",\"password\":\"[redacted:Password:"
                + passwordFingerprint + "]\"}";
        credentials.add(new Credential(Credential.Location.BODY, "/email", "Login", loginFingerprint, null, null));
        credentials.add(new Credential(Credential.Location.BODY, "/password", "Password", passwordFingerprint, null, null));
        return this;
    }

    /** The response issues a token (a successful sign-in). */
    public Traffic issues(String fingerprint) {
        credentials.add(new Credential(Credential.Location.BODY, "/accessToken", "Bearer", fingerprint, null, null,
                Credential.Direction.RESPONSE));
        return this;
    }

    public HttpExchange build() {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Host", HOST));
        if (agent != null) {
            headers.add(new Header("User-Agent", agent));
        }
        Body body = requestBody == null ? Body.EMPTY : new Body(requestBody.getBytes(StandardCharsets.UTF_8),
                requestBody.length(), requestBody.length(), false, "application/json", List.of(), false);
        HttpRequest request = new HttpRequest(method, path, path, List.of(), "HTTP/1.1", headers, List.of(), body);
        HttpResponse response = new HttpResponse("HTTP/1.1", status, "", List.of(), List.of(), List.of(),
                responseBody == null
                        ? new Body(new byte[0], responseBytes, responseBytes, false, "application/json", List.of(), false)
                        : new Body(responseBody.getBytes(StandardCharsets.UTF_8), responseBody.length(),
                        responseBody.length(), false, "application/json", List.of(), false));
        long id = IDS.incrementAndGet();
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c" + id + ":0", new MirrorSource("default", 7, "test"),
                new Connection("c" + id, "10.0.0.2", 40000, "10.0.1.5", 8080), ip, ClientIpSource.X_FORWARDED_FOR, HOST,
                request, response, new Timings(timeMicros, timeMicros + 100, timeMicros + 2000, timeMicros + 2500),
                Set.of(), credentials);
    }
}
