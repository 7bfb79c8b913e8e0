package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import io.periscope.events.catalog.ProbedPath;
import io.periscope.events.catalog.TrafficStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The probed paths page and the counts around it in a real headless Chromium: a service scanned by one client
 * shows its probes apart from its endpoints, who probed them, and the service's own finding; the overview says
 * what each number counts; an endpoint that only ever answered 403 carries a "never succeeded" badge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbedPathsBrowserTest {
    static final String SHOP = "sess-1|shop.example.com";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;
    TestApp app;
    UiSession ui;
    ChromeDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        UiSession.assumeInstalled();
        app = TestApp.start(dataDir);
        EndpointSnapshot orders = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/orders", 500, 0,
                NOW_MICROS - 20 * DAY_MICROS, List.of("payment_card"), List.of(FindingType.STACK_TRACE_IN_RESPONSE));
        EndpointSnapshot admin = CatalogFixture.endpoint("sess-1", "shop.example.com", "DELETE", "/api/admin/users/{id}", 4, 0,
                NOW_MICROS - DAY_MICROS, List.of(), List.of());
        TrafficStats t = admin.traffic();
        admin = admin.withTraffic(new TrafficStats(4, Map.of("403", 4L), Map.of("4xx", 4L), t.latencyP50Micros(), t.latencyP90Micros(),
                t.latencyP99Micros(), t.latencyMaxMicros(), "", t.requestBytes(), t.responseBytes(), 1, "", Map.of(), Map.of(),
                Map.of("Bearer", 4L), 0));
        List<EndpointSnapshot> all = List.of(orders, admin);
        try (CatalogFixture fixture = new CatalogFixture(app)) {
            fixture.publish(all, all.stream().map(s -> CatalogFixture.change(s, ChangeType.NEW_ENDPOINT, s.pathTemplate(),
                    s.firstSeenMicros())).toList());
            fixture.awaitView(all.size(), all.size());
            fixture.publishProbes(List.of(
                    CatalogFixture.probedPath(SHOP, "GET", "/.env", NOW_MICROS - 3_000_000,
                            new ProbedPath.ClientCount("203.0.113.9", 40), new ProbedPath.ClientCount("198.51.100.7", 2)),
                    CatalogFixture.probedPath(SHOP, "GET", "/wp-admin/install.php", NOW_MICROS - 2_000_000,
                            new ProbedPath.ClientCount("203.0.113.9", 7)),
                    CatalogFixture.probedPath(SHOP, "GET", "/backup.zip", NOW_MICROS - 1_000_000,
                            new ProbedPath.ClientCount("203.0.113.9", 1))),
                    List.of(CatalogFixture.serviceFinding(SHOP, FindingType.CONTENT_DISCOVERY_PROBES, "client 203.0.113.9", NOW_MICROS)));
        }
        ui = UiSession.open(browserDir, Duration.ofSeconds(10)).signIn(app, app.createToken("security team", "viewer"));
        driver = ui.driver;
        wait = ui.wait;
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

    /** The value of the overview figure with this label. */
    private String stat(String label) {
        return driver.findElement(By.xpath("//li[@class='stat'][span[@class='stat-label'][.='" + label + "']]/span[@class='stat-value']"))
                .getText();
    }

    @Test
    @Order(1)
    void theOverviewSaysWhatEachNumberCounts() throws Exception {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "Probed paths (not endpoints)"));
        assertThat(stat("Endpoints")).isEqualTo("2");
        assertThat(stat("Endpoints never successfully called")).isEqualTo("1");
        assertThat(stat("Open findings, on 1 endpoint and their services")).isEqualTo("2");
        assertThat(stat("Probed paths (not endpoints)")).isEqualTo("3");
        String findings = driver.findElement(By.xpath("//table[caption='Open findings per type']")).getText();
        assertThat(findings).contains("Content discovery probes 1 finding on the service itself",
                "Stack trace in response 1 finding on 1 endpoint");
        ui.screenshot("probed-01-overview");
    }

    @Test
    @Order(2)
    void theProbedPathsPageShowsProbesMostCalledFirstWithTheirClientsAndTheServiceFinding() throws Exception {
        driver.findElement(By.linkText("Probed paths")).click();
        ui.awaitHeading("Probed paths");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "Probed paths 1–3 of 3"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#probed-table tbody tr"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getText()).contains("GET /.env", "42", "203.0.113.9: 40 calls", "198.51.100.7: 2 calls", "404 × 42");
        assertThat(rows.get(2).getText()).contains("/backup.zip", "203.0.113.9: 1 call");
        assertThat(driver.findElement(By.id("service-findings")).getText())
                .contains("Content discovery probes", "client 203.0.113.9", "25 exchanges");
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Probed paths");
        ui.screenshot("probed-02-page");
    }

    @Test
    @Order(3)
    void probesNeverShowInTheCatalogAndAnEndpointThatOnlyGot403IsBadged() throws Exception {
        driver.findElement(By.linkText("Catalog")).click();
        ui.awaitHeading("Catalog");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "of 2"));
        String table = driver.findElement(By.id("catalog-table")).getText();
        assertThat(table).doesNotContain("/.env", "/wp-admin");
        WebElement adminRow = driver.findElement(By.xpath("//tr[contains(., '/api/admin/users/{id}')]"));
        assertThat(adminRow.findElement(By.cssSelector(".badge-never-succeeded")).getText()).isEqualTo("never succeeded");
        ui.screenshot("probed-03-catalog");
    }
}
