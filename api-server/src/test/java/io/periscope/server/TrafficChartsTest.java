package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.periscope.events.http.Body;
import io.periscope.events.http.Connection;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpRequest;
import io.periscope.events.http.HttpResponse;
import io.periscope.events.http.MirrorSource;
import io.periscope.events.http.Timings;
import io.periscope.events.kafka.JsonSerde;
import io.periscope.events.kafka.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Traffic over time, from exchanges on {@code periscope.exchanges} through discovery's series to the API and the
 * charts of a real headless Chromium: the series agree with the catalog's counts, the API bounds its parameters,
 * and the overview, a service and an endpoint draw calls, error rate, latency and the status mix, with the
 * Content-Security-Policy in force (no violation reported by the browser).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficChartsTest {
    static final String SESSION = "acme";
    static final String HOST = "api.acmeledger.example";
    static final String SERVICE = SESSION + "|" + HOST;
    static final int CALLS = 600;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;
    TestApp app;
    String viewer;
    UiSession ui;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        app = TestApp.start(dataDir);
        viewer = app.createToken("charts", "viewer");
        long now = System.currentTimeMillis() * 1000;
        Properties p = new Properties();
        p.putAll(app.kafkaClientProperties());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        JsonSerde<HttpExchange> serde = JsonSerde.of(HttpExchange.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < CALLS; i++) {
                // two hours of traffic, 12 s apart: accounts most called, transfers failing now and then
                long at = now - 2 * 3_600_000_000L + i * 12_000_000L;
                String path = i % 2 == 0 ? "/accounts" : i % 3 == 0 ? "/health" : "/transfers";
                int status = path.equals("/transfers") ? (i % 10 == 1 ? 500 : i % 10 == 5 ? 400 : 201) : 200;
                HttpExchange ex = exchange("x" + i, path.equals("/transfers") ? "POST" : "GET", path, status, at,
                        path.equals("/health") ? 300 : 2_000 + (i % 50) * 400L);
                producer.send(new ProducerRecord<>(Topics.EXCHANGES, ex.serviceKey(), serde.serialize(Topics.EXCHANGES, ex)));
            }
            producer.flush();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> series("").path("calls").asLong() == CALLS && endpoints().size() == 3);
    }

    static HttpExchange exchange(String id, String method, String path, int status, long at, long latencyMicros) {
        return new HttpExchange(HttpExchange.SCHEMA_VERSION, id, new MirrorSource(SESSION, 7, "test"),
                new Connection("c" + id, "10.0.0.1", 40000, "10.0.0.2", 443), "10.0.0.1", null, HOST,
                new HttpRequest(method, path, path, List.of(), "HTTP/1.1", List.of(), List.of(), Body.EMPTY),
                new HttpResponse("HTTP/1.1", status, "", List.of(), List.of(), List.of(), Body.EMPTY),
                new Timings(at, at + 100, at + 100 + latencyMicros, at + 200 + latencyMicros), null, null);
    }

    @AfterAll
    void stop() {
        if (ui != null) {
            ui.close();
        }
        if (app != null) {
            app.close();
        }
    }

    JsonNode get(String pathAndQuery) throws Exception {
        java.net.http.HttpResponse<String> r = app.send(app.request(pathAndQuery).header("Authorization", "Bearer " + viewer));
        assertThat(r.statusCode()).as("%s: %s", pathAndQuery, r.body()).isEqualTo(200);
        return TestApp.json(r);
    }

    int status(String pathAndQuery) throws Exception {
        return app.send(app.request(pathAndQuery).header("Authorization", "Bearer " + viewer)).statusCode();
    }

    JsonNode series(String query) throws Exception {
        return get("/api/v1/series" + (query.isEmpty() ? "" : "?" + query));
    }

    List<JsonNode> endpoints() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        get("/api/v1/endpoints").path("items").forEach(out::add);
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void eachEndpointsBucketsSumToItsCatalogCallsAtBothResolutions() throws Exception {
        long sum = 0;
        for (JsonNode e : endpoints()) {
            for (String resolution : List.of("minute", "hour")) {
                JsonNode s = series("endpoint=" + e.path("endpointId").asText() + "&resolution=" + resolution + "&since=2000-01-01");
                long calls = 0;
                for (JsonNode point : s.path("points")) {
                    calls += point.path("calls").asLong();
                    assertThat(point.path("p50Micros").asLong()).isLessThanOrEqualTo(point.path("p95Micros").asLong());
                    assertThat(point.path("errorRate").asDouble()).isBetween(0.0, 1.0);
                }
                assertThat(calls).as("%s %s", resolution, e.path("pathTemplate").asText()).isEqualTo(e.path("calls").asLong());
                assertThat(s.path("calls").asLong()).isEqualTo(calls);
                assertThat(s.path("serviceKey").asText()).isEqualTo(SERVICE);
            }
            sum += e.path("calls").asLong();
        }
        assertThat(sum).isEqualTo(CALLS);
        JsonNode service = series("service=" + enc(SERVICE) + "&since=2000-01-01");
        assertThat(service.path("calls").asLong()).isEqualTo(CALLS);
        assertThat(service.path("statusClasses").path("5xx").asLong()).isEqualTo(service.path("errors").asLong()).isPositive();
        assertThat(service.path("topCodes").get(0).path("code").asText()).isEqualTo("200");
        JsonNode overview = series("resolution=hour");
        assertThat(overview.path("scope").asText()).isEqualTo("overview");
        assertThat(overview.path("calls").asLong()).isEqualTo(CALLS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resolution=day", "resolution=", "resolution=MINUTE%00", "since=yesterday", "since=99999-01-01T00:00:00Z",
            "since=-1000000000-01-01T00:00:00Z", "endpoint=%3Cscript%3E", "endpoint=a%7Cb", "endpoint=" + "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0",
            "service=" + "x"})
    void hostileOrOutOfRangeParametersAreRefusedOrBounded(String query) throws Exception {
        if (query.equals("service=x")) {
            // a long but harmless service key is refused past 200 characters and answers nothing below
            assertThat(status("/api/v1/series?service=" + "x".repeat(201))).isEqualTo(400);
            assertThat(series("service=" + "x".repeat(200)).path("points")).isEmpty();
            return;
        }
        if (query.equals("resolution=")) {
            // empty means the default
            assertThat(series(query).path("resolution").asText()).isEqualTo("MINUTE");
            return;
        }
        assertThat(status("/api/v1/series?" + query)).as(query).isEqualTo(400);
    }

    @Test
    @Order(2)
    void theCatalogOpensOnTheMostImportantEndpointAndNamesServicesAsPeopleDo() throws Exception {
        List<JsonNode> items = endpoints();
        // no sensitive data here and every call without credentials: the most called comes first
        assertThat(items.get(0).path("pathTemplate").asText()).isEqualTo("/accounts");
        assertThat(get("/api/v1/endpoints?sort=path").path("items").get(0).path("pathTemplate").asText()).isEqualTo("/accounts");
        assertThat(get("/api/v1/endpoints?sort=importance&order=asc").path("items").get(0).path("pathTemplate").asText())
                .isEqualTo("/health");
        JsonNode service = get("/api/v1/services").path("items").get(0);
        assertThat(service.path("host").asText()).isEqualTo(HOST);
        assertThat(service.path("session").asText()).isEqualTo(SESSION);
    }

    void openBrowser() throws Exception {
        if (ui != null) {
            return;
        }
        ChromeOptions options = UiSession.headlessOptions(browserDir);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ui = UiSession.open(options, Duration.ofSeconds(15)).signIn(app, viewer);
        driver = ui.driver;
        wait = ui.wait;
    }

    /** The charts of the page's series section: each drawn (a canvas) with data points, and the status mix. */
    void assertChartsDrawn(String scope, String shot) throws Exception {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#series[data-scope=" + scope + "] .chart canvas")));
        for (String chart : List.of("calls", "errors", "latency")) {
            String css = "#series .chart[data-chart=" + chart + "]";
            assertThat(driver.findElements(By.cssSelector(css + " canvas"))).as(chart).isNotEmpty();
            assertThat(Integer.parseInt(driver.findElement(By.cssSelector(css)).getAttribute("data-points"))).as(chart).isPositive();
            Number plotted = (Number) ((JavascriptExecutor) driver).executeScript(
                    "const u = document.querySelector(arguments[0]).uplot; "
                            + "return u.data.slice(1).reduce((n, s) => n + s.filter((v) => v !== null && v !== undefined).length, 0);", css);
            assertThat(plotted.intValue()).as("values plotted on %s", chart).isPositive();
        }
        assertThat(driver.findElements(By.cssSelector("#series .mix-bar .mix-segment[data-class='2xx']"))).isNotEmpty();
        ui.screenshot(shot);
    }

    void assertNoContentSecurityPolicyViolation() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).extracting(LogEntry::getMessage)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }

    @Test
    @Order(3)
    void theOverviewChartsEveryServicesTraffic() throws Exception {
        openBrowser();
        assertChartsDrawn("overview", "charts-01-overview");
        assertThat(driver.findElement(By.cssSelector("#series .status-mix")).getText()).contains("2xx").contains("5xx");
        // services named as people name them: the host, with the mirror session in a tag, never "acme|host"
        String services = driver.findElement(By.id("services-h")).findElement(By.xpath("..")).getText();
        assertThat(services).contains(HOST).doesNotContain(SERVICE);
        assertThat(driver.findElements(By.cssSelector(".service-session"))).extracting(e -> e.getText().trim())
                .anyMatch(t -> t.endsWith(SESSION));
        assertNoContentSecurityPolicyViolation();
    }

    @Test
    @Order(4)
    void aServicesCatalogChartsItsTrafficAndOpensOnImportance() throws Exception {
        openBrowser();
        driver.get(app.uri("/#/catalog?service=" + enc(SERVICE)).toString());
        assertChartsDrawn("service", "charts-02-service");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#catalog-table tbody tr"), "/accounts"));
        assertThat(driver.findElement(By.cssSelector("#catalog-table")).getText()).doesNotContain(SERVICE);
        assertThat(driver.findElement(By.cssSelector("select[name=sort]")).getAttribute("value")).isEqualTo("importance");
        assertNoContentSecurityPolicyViolation();
    }

    @Test
    @Order(5)
    void anEndpointChartsItsTrafficAndTheHourViewToo() throws Exception {
        openBrowser();
        String transfers = endpoints().stream().filter(e -> e.path("pathTemplate").asText().equals("/transfers")).findFirst()
                .orElseThrow().path("endpointId").asText();
        driver.get(app.uri("/#/endpoints/" + transfers).toString());
        assertChartsDrawn("endpoint", "charts-03-endpoint");
        assertThat(driver.findElements(By.cssSelector("#series .mix-bar .mix-segment[data-class='5xx']"))).isNotEmpty();
        driver.findElement(By.cssSelector("#series button[data-resolution=hour]")).click();
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#series button[data-resolution=hour]"), "aria-pressed", "true"));
        wait.until(d -> d.findElement(By.cssSelector("#series .series-summary")).getText().contains("hours"));
        assertChartsDrawn("endpoint", "charts-04-endpoint-hours");
        assertNoContentSecurityPolicyViolation();
    }
}
