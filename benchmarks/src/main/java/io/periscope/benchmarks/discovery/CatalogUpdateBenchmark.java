package io.periscope.benchmarks.discovery;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.periscope.discovery.catalog.CatalogEngine;
import io.periscope.discovery.catalog.CatalogOutput;
import io.periscope.discovery.catalog.DiscoveryConfig;
import io.periscope.discovery.catalog.DiscoveryMetrics;
import io.periscope.discovery.catalog.ServiceState;
import io.periscope.events.catalog.CatalogChange;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.PostureFinding;
import io.periscope.events.catalog.ProbedPath;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-exchange catalog update path ({@link CatalogEngine#accept}) on a realistic mix: authenticated GETs
 * with JSON responses carrying personal data, searches with query strings, JSON POSTs with card numbers,
 * form logins, across 3 services and a few hundred concrete paths. Kafka and serialization are excluded: the
 * stream task does the same work between polls, and snapshots are serialized per changed endpoint per flush,
 * not per exchange ({@link #acceptWithFlushEvery1000} measures that amortised cost too).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CatalogUpdateBenchmark {
    private static final int N = 4096;
    private HttpExchange[] exchanges;
    private CatalogEngine engine;
    private int next;
    private long flushes;
    private final CatalogOutput discard = new CatalogOutput() {
        @Override
        public void change(CatalogChange change) {
        }

        @Override
        public void finding(PostureFinding finding) {
        }

        @Override
        public void endpoint(EndpointSnapshot snapshot) {
        }

        @Override
        public void endpointRemoved(String serviceKey, String endpointId) {
        }

        @Override
        public void findingRemoved(String findingId) {
        }

        @Override
        public void service(ServiceState state) {
        }

        @Override
        public void probedPath(ProbedPath path) {
        }

        @Override
        public void probedPathRemoved(String serviceKey, String probedPathId) {
        }
    };

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(7);
        exchanges = new HttpExchange[N];
        JwtInfo jwt = new JwtInfo("RS256", null, "JWT", "https://idp.example.test", "u", List.of(), 1_900_000_000L, null, null);
        for (int i = 0; i < N; i++) {
            String host = "api" + (i % 3) + ".example.test";
            int user = r.nextInt(300);
            long at = 1_700_000_000_000_000L + i * 1000L;
            HttpExchange ex = switch (i % 4) {
                case 0 -> exchange(host, "GET", "/api/v1/users/" + user, List.of(), null, null, 200,
                        "{\"id\":" + user + ",\"name\":\"Customer " + user + "\",\"email\":\"c" + user + "@example.org\","
                                + "\"phone\":\"+1415867530" + (user % 10) + "\",\"tier\":\"gold\",\"created\":\"2024-01-01T10:00:00Z\","
                                + "\"address\":{\"city\":\"Springfield\",\"zip\":\"12345\"},\"tags\":[\"a\",\"b\"]}", jwt, at, user);
                case 1 -> exchange(host, "GET", "/api/v1/search", List.of(new QueryParam("q", "lamp" + user),
                        new QueryParam("page", Integer.toString(user % 5)), new QueryParam("sort", "price")), null, null, 200,
                        "{\"results\":[{\"sku\":\"S-" + user + "\",\"price\":12.5},{\"sku\":\"S-2\",\"price\":3}],\"total\":2}", jwt, at, user);
                case 2 -> exchange(host, "POST", "/api/v1/orders", List.of(), "application/json",
                        "{\"productId\":" + user + ",\"quantity\":2,\"card\":{\"number\":\"4111111111111111\",\"expiry\":\"12/29\"}}", 201,
                        "{\"orderId\":\"" + UUID.nameUUIDFromBytes(new byte[] {(byte) i}) + "\"}", jwt, at, user);
                default -> exchange(host, "POST", "/api/v1/login", List.of(), "application/x-www-form-urlencoded",
                        "username=user" + user + "&password=secret" + user + "&remember=true", 200, "{\"expiresIn\":3600}", null, at, user);
            };
            exchanges[i] = ex;
        }
        engine = new CatalogEngine(DiscoveryConfig.defaults(), new DiscoveryMetrics(new SimpleMeterRegistry()), java.time.InstantSource.system());
        for (HttpExchange ex : exchanges) {
            engine.accept(ex, discard); // warm the catalog: steady state is updates, not creations
        }
    }

    private static HttpExchange exchange(String host, String method, String path, List<QueryParam> query, String reqType,
                                         String reqBody, int status, String respBody, JwtInfo jwt, long at, int client) {
        byte[] rq = reqBody == null ? new byte[0] : reqBody.getBytes(StandardCharsets.UTF_8);
        byte[] rs = respBody.getBytes(StandardCharsets.UTF_8);
        List<Header> headers = jwt == null
                ? List.of(new Header("Host", host), new Header("User-Agent", "bench"), new Header("X-Request-Id", "r-" + at))
                : List.of(new Header("Host", host), new Header("User-Agent", "bench"), new Header("Authorization", "[redacted]"),
                        new Header("X-Request-Id", "r-" + at));
        List<Credential> creds = jwt == null ? List.of()
                : List.of(new Credential(Credential.Location.HEADER, "Authorization", "Bearer", "fp", null, jwt));
        HttpRequest req = new HttpRequest(method, path, path, query, "HTTP/1.1", headers, List.of(),
                rq.length == 0 ? Body.EMPTY : new Body(rq, rq.length, rq.length, false, reqType, List.of(), false));
        HttpResponse resp = new HttpResponse("HTTP/1.1", status, "OK", List.of(), List.of(new Header("Content-Type", "application/json")),
                List.of(), new Body(rs, rs.length, rs.length, false, "application/json", List.of(), false));
        String clientIp = "10.0." + (client / 250) + "." + (client % 250);
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, "c-" + at, new MirrorSource("prod", 1, "bench"),
                new Connection("c-" + at, clientIp, 40000, "10.1.0.1", 80), clientIp, ClientIpSource.PEER, host, req, resp,
                new Timings(at, at + 50, at + 1500, at + 1600), Set.of(), creds);
    }

    @Benchmark
    public void accept() {
        engine.accept(exchanges[next++ & (N - 1)], discard);
    }

    @Benchmark
    public void acceptWithFlushEvery1000(Blackhole bh) {
        engine.accept(exchanges[next++ & (N - 1)], discard);
        if ((next % 1000) == 0) {
            engine.flush(1_700_000_100_000_000L, discard);
            bh.consume(++flushes);
        }
    }
}
