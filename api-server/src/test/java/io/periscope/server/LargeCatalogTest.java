package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 000 endpoints in the catalog: the API's filtered, sorted pages must equal what a plain scan of the
 * generated records gives. Timings are printed for the record, not asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeCatalogTest {
    static final int ENDPOINTS = 10_000;
    static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH"};
    static final String[] RESOURCES = {"users", "orders", "carts", "invoices", "products", "payments", "sessions", "reports"};
    static final String[] SENSITIVE = {"email", "payment_card", "phone", "iban", "ip_address"};

    @TempDir
    static Path dataDir;
    TestApp app;
    String token;
    List<EndpointSnapshot> all;

    @BeforeAll
    void load() throws Exception {
        app = TestApp.start(dataDir);
        token = app.createToken("load", "viewer");
        Random random = new Random(42);
        all = new ArrayList<>(ENDPOINTS);
        for (int i = 0; i < ENDPOINTS; i++) {
            String resource = RESOURCES[i % RESOURCES.length];
            String method = METHODS[random.nextInt(METHODS.length)];
            String template = "/api/v" + (1 + i % 3) + "/tenant" + (i / 40) + "/" + resource + (i % 5 == 0 ? "/{id}" : "/list" + i);
            long calls = 1 + random.nextInt(100_000);
            long unauthenticated = random.nextInt(10) == 0 ? calls / 2 : 0;
            List<String> sensitive = random.nextInt(4) == 0 ? List.of(SENSITIVE[random.nextInt(SENSITIVE.length)]) : List.of();
            List<FindingType> findings = !sensitive.isEmpty() && unauthenticated > 0
                    ? List.of(FindingType.SENSITIVE_DATA_WITHOUT_AUTH) : List.of();
            long firstSeen = NOW_MICROS - random.nextInt(60) * DAY_MICROS - random.nextInt(86_400) * 1_000_000L;
            all.add(CatalogFixture.endpoint("sess-" + (i % 4), "svc" + (i % 20) + ".internal", method, template, calls,
                    unauthenticated, firstSeen, sensitive, findings));
        }
        long start = System.nanoTime();
        try (CatalogFixture fixture = new CatalogFixture(app)) {
            fixture.publish(all, List.of());
            fixture.awaitView(ENDPOINTS, 0);
        }
        System.out.printf("[10k] published and indexed %d endpoints in %d ms%n", ENDPOINTS, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private JsonNode page(String query) throws Exception {
        // Warm once, then report the median of five calls.
        long[] times = new long[5];
        HttpResponse<String> response = null;
        for (int i = -1; i < times.length; i++) {
            long t = System.nanoTime();
            response = app.send(app.request("/api/v1/endpoints?" + query).header("Authorization", "Bearer " + token));
            if (i >= 0) {
                times[i] = System.nanoTime() - t;
            }
        }
        Arrays.sort(times);
        System.out.printf("[10k] GET /api/v1/endpoints?%s: median %.1f ms (%d bytes)%n", query, times[2] / 1e6, response.body().length());
        assertThat(response.statusCode()).isEqualTo(200);
        return TestApp.json(response);
    }

    private List<String> expected(Predicate<EndpointSnapshot> filter, Comparator<EndpointSnapshot> order, int offset, int limit) {
        return all.stream().filter(filter).sorted(order).skip(offset).limit(limit).map(EndpointSnapshot::endpointId).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("endpointId").asText()));
        return out;
    }

    static final Comparator<EndpointSnapshot> BY_PATH = Comparator.comparing(EndpointSnapshot::pathTemplate)
            .thenComparing(EndpointSnapshot::method).thenComparing(EndpointSnapshot::endpointId);

    @Test
    void theFirstAndALatePageMatchAFullScan() throws Exception {
        JsonNode first = page("sort=path&limit=50");
        assertThat(first.path("total").asInt()).isEqualTo(ENDPOINTS);
        assertThat(ids(first)).isEqualTo(expected(s -> true, BY_PATH, 0, 50));
        JsonNode late = page("sort=path&offset=9950&limit=100");
        assertThat(ids(late)).hasSize(50).isEqualTo(expected(s -> true, BY_PATH, 9950, 100));
    }

    @Test
    void combinedFiltersAndSortsMatchAFullScan() throws Exception {
        String service = "sess-1|svc5.internal";
        JsonNode filtered = page("service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&method=GET&sort=calls&order=desc&limit=20");
        Predicate<EndpointSnapshot> f = s -> s.serviceKey().equals(service) && s.method().equals("GET");
        assertThat(filtered.path("total").asInt()).isEqualTo((int) all.stream().filter(f).count());
        Comparator<EndpointSnapshot> byCalls = Comparator.<EndpointSnapshot>comparingLong(s -> s.traffic().calls()).thenComparing(BY_PATH);
        assertThat(ids(filtered)).isEqualTo(expected(f, byCalls.reversed(), 0, 20));

        JsonNode exposed = page("sensitive=payment_card&unauthenticated=true&finding=SENSITIVE_DATA_WITHOUT_AUTH&sort=path&limit=500");
        Predicate<EndpointSnapshot> g = s -> s.sensitiveData().stream().anyMatch(d -> d.type().equals("payment_card"))
                && s.traffic().unauthenticatedCalls() > 0;
        assertThat(exposed.path("total").asInt()).isPositive().isEqualTo((int) all.stream().filter(g).count());
        assertThat(ids(exposed)).isEqualTo(expected(g, BY_PATH, 0, 500));

        String since = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(7).toString();
        long sinceMicros = java.time.LocalDate.parse(since).atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
        JsonNode fresh = page("q=ORDERS&newSince=" + since + "&sort=firstSeen&order=desc&limit=100");
        Predicate<EndpointSnapshot> h = s -> s.pathTemplate().contains("orders") && s.firstSeenMicros() >= sinceMicros;
        Comparator<EndpointSnapshot> byFirst = Comparator.comparingLong(EndpointSnapshot::firstSeenMicros).thenComparing(BY_PATH);
        assertThat(fresh.path("total").asInt()).isEqualTo((int) all.stream().filter(h).count());
        assertThat(ids(fresh)).isEqualTo(expected(h, byFirst.reversed(), 0, 100));
    }

    @Test
    void theOverviewCountsTheWholeCatalog() throws Exception {
        long t = System.nanoTime();
        JsonNode overview = TestApp.json(app.send(app.request("/api/v1/overview").header("Authorization", "Bearer " + token)));
        System.out.printf("[10k] GET /api/v1/overview: %.1f ms (first call)%n", (System.nanoTime() - t) / 1e6);
        assertThat(overview.path("endpoints").asInt()).isEqualTo(ENDPOINTS);
        assertThat(overview.path("sensitiveEndpoints").asInt()).isEqualTo((int) all.stream().filter(s -> !s.sensitiveData().isEmpty()).count());
        assertThat(overview.path("services")).hasSize(20);
    }
}
