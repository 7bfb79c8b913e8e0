package io.periscope.server;

import static io.periscope.server.CatalogFixture.DAY_MICROS;
import static io.periscope.server.CatalogFixture.NOW_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.catalog.ChangeType;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.events.catalog.FindingType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium, in the order a user works: sign in, filter the catalog, open an
 * endpoint, download a spec, upload a spec and read the diff, sign out. Each step saves a screenshot
 * under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;
    TestApp app;
    UiSession ui;
    ChromeDriver driver;
    WebDriverWait wait;
    String viewer;
    EndpointSnapshot users;

    @BeforeAll
    void start() throws Exception {
        UiSession.assumeInstalled();
        app = TestApp.start(dataDir);
        viewer = app.createToken("security team", "viewer");
        users = CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/users/{id}", 120, 30, NOW_MICROS - 2 * DAY_MICROS,
                List.of("email"), List.of(FindingType.SENSITIVE_DATA_WITHOUT_AUTH));
        List<EndpointSnapshot> all = new ArrayList<>(List.of(users,
                CatalogFixture.endpoint("sess-1", "shop.example.com", "POST", "/api/users", 40, 0, NOW_MICROS - 30 * DAY_MICROS,
                        List.of(), List.of()),
                CatalogFixture.endpoint("sess-1", "shop.example.com", "GET", "/api/orders", 500, 0, NOW_MICROS - 20 * DAY_MICROS,
                        List.of("payment_card"), List.of()),
                CatalogFixture.endpoint("sess-1", "billing.example.com", "GET", "/v1/invoices/{id}", 80, 0, NOW_MICROS - 10 * DAY_MICROS,
                        List.of("email"), List.of(FindingType.JWT_WITHOUT_EXPIRY))));
        for (int i = 0; i < 60; i++) {
            all.add(CatalogFixture.endpoint("sess-1", "billing.example.com", "GET", "/v1/reports/r" + i, 10 + i, 0,
                    NOW_MICROS - 15 * DAY_MICROS, List.of(), List.of()));
        }
        List<io.periscope.events.catalog.CatalogChange> changes = new ArrayList<>();
        for (EndpointSnapshot s : all) {
            changes.add(CatalogFixture.change(s, ChangeType.NEW_ENDPOINT, s.method() + " " + s.pathTemplate(), s.firstSeenMicros()));
        }
        try (CatalogFixture fixture = new CatalogFixture(app)) {
            fixture.publish(all, changes);
            fixture.awaitView(all.size(), changes.size());
        }

        ChromeOptions options = UiSession.headlessOptions(browserDir);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", browserDir.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        ui = UiSession.open(options, Duration.ofSeconds(10));
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

    private String url(String path) {
        return app.uri(path).toString();
    }

    @Test
    @Order(1)
    void aUserSignsInWithATokenAndSeesTheOverview() throws Exception {
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        WebElement token = driver.findElement(By.id("token"));
        token.sendKeys("wrong-token");
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("unknown or revoked token");
        ui.screenshot("01-sign-in-refused");
        token.clear();
        token.sendKeys(viewer);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        ui.awaitHeading("Overview");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".stats"), "64"));
        assertThat(driver.findElement(By.id("who")).getText()).isEqualTo("security team (viewer)");
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Overview");
        assertThat(driver.manage().getCookieNamed("periscope_session").isHttpOnly()).isTrue();
        ui.fullPageScreenshot("02-overview");
    }

    @Test
    @Order(2)
    void theCatalogIsFilteredAndPagedOnTheServer() throws Exception {
        driver.findElement(By.linkText("Catalog")).click();
        ui.awaitHeading("Catalog");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "of 64"));
        driver.findElement(By.cssSelector(".pager button:last-child")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "Endpoints 51–64 of 64"));

        ui.click(By.xpath("//th/button[text()='Calls']"));
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//th[button[text()='Calls']]"), "aria-sort", "ascending"));
        ui.click(By.xpath("//th/button[text()='Calls']"));
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//th[button[text()='Calls']]"), "aria-sort", "descending"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#catalog-table tbody tr"), "/api/orders"));
        assertThat(driver.getCurrentUrl()).contains("sort=calls").contains("order=desc");

        WebElement q = driver.findElement(By.name("q"));
        q.clear();
        q.sendKeys("users");
        new Select(driver.findElement(By.name("method"))).selectByValue("GET");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "Endpoints 1–1 of 1"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#catalog-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("/api/users/{id}").contains("email");
        assertThat(driver.getCurrentUrl()).contains("q=users").contains("method=GET");
        ui.screenshot("03-catalog-filtered");
    }

    @Test
    @Order(3)
    void anEndpointShowsParametersSchemaSensitiveDataAndFindings() throws Exception {
        driver.findElement(By.cssSelector("#catalog-table tbody a")).click();
        ui.awaitHeading("/api/users/{id}");
        WebElement main = driver.findElement(By.id("main"));
        wait.until(ExpectedConditions.textToBePresentInElement(main, "Recent changes"));
        String text = main.getText();
        assertThat(text).contains("Parameters", "Path", "Query", "Body schemas", "$.owner.email".substring(8), "a***@e***.com",
                "Sensitive data without auth", "Latency p50", "1.8 ms", "Calls without credentials: 30");
        assertThat(driver.findElements(By.cssSelector("ul.tree li"))).isNotEmpty();
        ui.fullPageScreenshot("04-endpoint");
    }

    @Test
    @Order(4)
    void theObservedApiDownloadsAsOpenApi() throws Exception {
        driver.findElement(By.linkText("API documents")).click();
        ui.awaitHeading("API documents");
        WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.partialLinkText("Download OpenAPI for shop.example.com")));
        link.click();
        Path file = browserDir.resolve("downloads").resolve("shop.example.com-openapi.json");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> Files.exists(file));
        String doc = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(doc).contains("\"openapi\"").contains("/api/users/{id}");
        ui.screenshot("05-specs");
    }

    @Test
    @Order(5)
    void anUploadedSpecIsDiffedIntoShadowZombieUnusedAndMismatched() throws Exception {
        Path spec = browserDir.resolve("shop.yaml");
        Files.writeString(spec, CatalogApiTest.SPEC);
        new Select(driver.findElement(By.name("service"))).selectByValue("sess-1|shop.example.com");
        driver.findElement(By.cssSelector("#spec-diff-form input[type=file]")).sendKeys(spec.toString());
        driver.findElement(By.cssSelector("#spec-diff-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff-result"), "Shadow: observed but not documented (1)"));
        String result = driver.findElement(By.id("diff-result")).getText();
        assertThat(result).contains("1 shadow, 1 zombie, 1 unused", "POST", "/api/users", "/api/refunds", "QUERY page");
        ui.fullPageScreenshot("06-spec-diff");
    }

    @Test
    @Order(6)
    void theChangeFeedAndTheKeyboardSkipLinkWork() throws Exception {
        driver.findElement(By.linkText("Changes")).click();
        ui.awaitHeading("Changes");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "64 changes"));
        driver.navigate().refresh();
        ui.awaitHeading("Changes");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to content");
        ui.screenshot("07-changes-skip-link");
        focused.sendKeys(Keys.ENTER);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
    }

    @Test
    @Order(7)
    void pagesFitANarrowWindow() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/#/catalog"));
        ui.awaitHeading("Catalog");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "of 64"));
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).longValue()).as("horizontal overflow of the page").isLessThanOrEqualTo(0);
        ui.screenshot("08-catalog-narrow");
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(8)
    void theBlocksPageShowsWhyWhatUntilWhenAndTheAuditAndAViewerCannotBlock() throws Exception {
        String body = "{\"target\":\"203.0.113.7\",\"reason\":\"credential stuffing from one address\",\"ttl\":\"6h\"}";
        HttpResponse<String> created = app.send(app.request("/api/v1/blocks").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        driver.get(url("/#/blocks"));
        ui.awaitHeading("Blocks");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main table"), "203.0.113.7/32"));
        String blocks = driver.findElement(By.cssSelector("main table")).getText();
        assertThat(blocks).contains("DRY_RUN").contains("credential stuffing from one address").contains("admin:");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("dry-run");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Block decided"));
        ui.screenshot("09-blocks");

        driver.findElement(By.name("target")).sendKeys("203.0.113.8");
        driver.findElement(By.name("reason")).sendKeys("a viewer tries");
        driver.findElement(By.cssSelector("form[aria-label='Block an address'] button[type=submit]")).click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main .error")));
        assertThat(refused.getText()).isNotBlank();
        assertThat(driver.findElement(By.cssSelector("main table")).getText()).doesNotContain("203.0.113.8");
    }

    @Test
    @Order(9)
    void signingOutEndsTheSession() throws Exception {
        driver.get(url("/#/"));
        ui.awaitHeading("Overview");
        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(driver.manage().getCookieNamed("periscope_session")).isNull();
        driver.get(url("/#/catalog"));
        wait.until(ExpectedConditions.urlContains("/login"));
        ui.screenshot("10-signed-out");
    }
}
