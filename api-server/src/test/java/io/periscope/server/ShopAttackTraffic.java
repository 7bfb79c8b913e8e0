package io.periscope.server;

import io.periscope.server.cli.sample.ClientScript;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of {@link VulnerableShopApi} as a load balancer in front of it would pass it on: every request
 * carries {@code X-Forwarded-For} with the client's public address (the recorded TCP peer is the relay, in
 * 10.0.1.0/24, which the test trusts as the proxy). Three shoppers browse, sign in and list their orders; one
 * attacker tries leaked logins (credential stuffing) and then injects SQL into the search; a second attacker injects
 * SQL while naming a victim's address as the left-most, spoofed {@code X-Forwarded-For} entry, the real address
 * appended by the proxy to its right.
 */
final class ShopAttackTraffic implements ClientScript {
    static final String ATTACKER = "198.51.100.23";
    static final String SPOOFER = "198.51.100.66";
    static final String SPOOFED_VICTIM = "203.0.113.77";
    /** Shopper address → login. */
    static final Map<String, String> SHOPPERS = Map.of(
            "203.0.113.10", "alice@example.com",
            "203.0.113.11", "bruno@example.org",
            "203.0.113.12", "chiara@example.net");
    /**
     * Leaked logins the stuffer tries, each with its own leaked password: more accounts than detection's default of
     * 10. A combo list as it usually is, e-mail addresses at a few large domains, here all starting with the same
     * letter: the sensor masks every one to {@code m***@example.com}, and only the keyed {@code Login} fingerprint it
     * publishes beside the masked value keeps them 14 accounts (were they counted by the masked form, this would read
     * as brute force against one account).
     */
    static final List<String> LEAKED_LOGINS = List.of("maria.k@example.com", "marco.h@example.com", "mei77@example.com",
            "milan.v@example.com", "mia.l@example.com", "mohamed.s@example.com", "maya.t@example.com", "max.n@example.com",
            "mona.p@example.com", "mateus.w@example.com", "mika.o@example.com", "marta.m@example.com", "mateo.r@example.com",
            "miriam.b@example.com");

    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([0-9a-f]{48})\"");

    private final AtomicInteger requests = new AtomicInteger();

    /** Requests sent (and answered) so far: the exchanges the sensor must publish. */
    int requests() {
        return requests.get();
    }

    @Override
    public void run(String baseUrl) throws IOException, InterruptedException {
        List<Shopper> shoppers = new ArrayList<>();
        for (Map.Entry<String, String> s : SHOPPERS.entrySet()) {
            shoppers.add(new Shopper(new Client(baseUrl, s.getKey(), BROWSER), s.getValue()));
        }
        for (Shopper shopper : shoppers) {
            shopper.browse("earl grey");
        }
        shoppers.get(0).mistypeOnce();
        for (Shopper shopper : shoppers) {
            shopper.signInAndOrder();
        }

        Client stuffer = new Client(baseUrl, ATTACKER, "python-requests/2.32.3");
        for (int i = 0; i < LEAKED_LOGINS.size(); i++) {
            stuffer.post("/api/v1/login", "{\"username\":\"" + LEAKED_LOGINS.get(i) + "\",\"password\":\"Summer"
                    + (2010 + i) + "!" + Integer.toHexString(0x5eed * (i + 1)) + "\"}");
        }
        Client injector = new Client(baseUrl, ATTACKER, "sqlmap/1.8.4#stable (https://sqlmap.org)");
        injector.get("/api/v1/products/search?q=" + encode("tea' UNION SELECT username,password,NULL FROM users-- -"));
        injector.get("/api/v1/products/search?q=" + encode("tea' AND EXTRACTVALUE(1,CONCAT(0x7e,(SELECT version())))-- -"));

        for (Shopper shopper : shoppers) {
            shopper.browse("mug");
        }

        Client spoofer = new Client(baseUrl, SPOOFED_VICTIM + ", " + SPOOFER, "curl/8.5.0");
        spoofer.get("/api/v1/products/search?q="
                + encode("1' OR '1'='1' UNION SELECT table_name,NULL,NULL FROM information_schema.tables-- -"));
        spoofer.get("/api/v1/products/search?q="
                + encode("x' AND 1=(SELECT COUNT(*) FROM users WHERE SUBSTRING(password,1,1)='a')-- -"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A benign user: browses, signs in (one of them after a typo), lists its orders. */
    private final class Shopper {
        private final Client client;
        private final String login;
        private String token;

        Shopper(Client client, String login) {
            this.client = client;
            this.login = login;
        }

        void browse(String query) throws IOException, InterruptedException {
            client.get("/api/v1/products/search?q=" + encode(query));
            client.get("/api/v1/products/1");
            client.get("/api/v1/products/2");
        }

        void mistypeOnce() throws IOException, InterruptedException {
            client.post("/api/v1/login", "{\"username\":\"" + login + "\",\"password\":\"correct-horse-battery-l\"}");
        }

        void signInAndOrder() throws IOException, InterruptedException {
            String answer = client.post("/api/v1/login", "{\"username\":\"" + login + "\",\"password\":\""
                    + VulnerableShopApi.ACCOUNTS.get(login) + "\"}");
            Matcher m = TOKEN.matcher(answer);
            if (!m.find()) {
                throw new IllegalStateException("the shop refused " + login + ": " + answer);
            }
            token = m.group(1);
            client.get("/api/v1/orders", token);
        }
    }

    /** One HTTP/1.1 client (one kept-alive connection) sending as one forwarded address chain. */
    private final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private final String forwardedFor;
        private final String userAgent;

        Client(String base, String forwardedFor, String userAgent) {
            this.base = base;
            this.forwardedFor = forwardedFor;
            this.userAgent = userAgent;
        }

        String get(String path) throws IOException, InterruptedException {
            return send(request(path).GET());
        }

        String get(String path, String bearer) throws IOException, InterruptedException {
            return send(request(path).GET().header("Authorization", "Bearer " + bearer));
        }

        String post(String path, String json) throws IOException, InterruptedException {
            return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").header("User-Agent", userAgent)
                    .header("X-Forwarded-For", forwardedFor);
        }

        private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
            String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            requests.incrementAndGet();
            return body;
        }
    }
}
