package io.periscope.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents and the catalog linked both ways, and the incidents list live, in a real headless Chromium: the sign-in
 * endpoint's page lists the credential stuffer's incident, the incident links back to the endpoint, and a second
 * stuffer published while the list is open appears in it without a reload, in the order the reader chose.
 * Screenshots under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentLinksBrowserTest {
    static final String ATTACKER = "198.51.100.88";
    static final String LATER_ATTACKER = "203.0.113.99";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;
    TestApp app;
    UiSession ui;
    ChromeDriver driver;
    WebDriverWait wait;
    String endpointId;

    @BeforeAll
    void start() throws Exception {
        UiSession.assumeInstalled();
        app = TestApp.start(dataDir);
        DetectionFixture.publishStuffingAttack(app, ATTACKER, "192.0.2.12");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/incidents?actor=" + ATTACKER))).path("total").asInt() > 0);
        endpointId = IncidentApiTest.awaitSignInEndpoint(app);

        ui = UiSession.open(browserDir, Duration.ofSeconds(15)).signIn(app, TestApp.ADMIN_TOKEN);
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

    @Test
    @Order(1)
    void theEndpointPageListsTheIncidentThatTouchedItAndTheIncidentLinksBackToTheEndpoint() throws Exception {
        driver.get(app.uri("/#/endpoints/" + endpointId).toString());
        ui.awaitHeading("/api/login");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("endpoint-incidents"), "ip:" + ATTACKER));
        assertThat(driver.findElement(By.id("endpoint-incidents")).getText()).contains("Credential stuffing");
        assertThat(driver.findElement(By.id("main")).getText()).as("no optional part printed as text").doesNotContain("null");
        ui.script("document.getElementById('incidents-h').scrollIntoView()");
        ui.screenshot("incident-links-01-endpoint");

        ui.click(By.cssSelector("#endpoint-incidents tbody th a"));
        ui.awaitHeading("Credential stuffing by ip:" + ATTACKER);
        assertThat(driver.findElement(By.id("incident-requests")).getText()).matches("[0-9,]+");
        assertThat(driver.findElement(By.id("incident-signals")).getText()).matches("[0-9,]+");
        By backLink = By.cssSelector("main a[href='#/endpoints/" + endpointId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(backLink, "/api/login"));
        ui.screenshot("incident-links-02-incident");

        ui.click(backLink);
        ui.awaitHeading("/api/login");
        assertThat(driver.getCurrentUrl()).endsWith("#/endpoints/" + endpointId);

        ui.click(By.id("endpoint-incidents-all"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incidents-endpoint"), "/api/login"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "Incidents 1–1 of 1"));
    }

    @Test
    @Order(2)
    void theIncidentsListShowsANewIncidentWithoutReloadAndKeepsItsSortOrder() throws Exception {
        driver.get(app.uri("/#/incidents").toString());
        ui.awaitHeading("Incidents");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#incidents-table tbody"), ATTACKER));
        ui.click(By.xpath("//th/button[text()='Requests']"));
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//th[button[text()='Requests']]"), "aria-sort", "descending"));
        String url = driver.getCurrentUrl();
        assertThat(driver.findElement(By.id("main")).getText()).as("no optional part printed as text").doesNotContain("null");
        // a reload would start a fresh document without this mark
        ui.script("window.periscopeTestMark = 'still the same document'");
        assertThat(driver.findElement(By.cssSelector("[data-live]")).getAttribute("data-live")).isEqualTo("on");

        DetectionFixture.publishStuffingAttack(app, LATER_ATTACKER, "192.0.2.13");

        new WebDriverWait(driver, Duration.ofSeconds(120)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#incidents-table tbody"), LATER_ATTACKER));
        assertThat(ui.script("return window.periscopeTestMark")).isEqualTo("still the same document");
        assertThat(driver.getCurrentUrl()).isEqualTo(url);
        assertThat(driver.findElement(By.xpath("//th[button[text()='Requests']]")).getAttribute("aria-sort")).isEqualTo("descending");
        ui.screenshot("incident-links-03-live-list");
    }

    @Test
    @Order(3)
    void theListDoesNotPollWhileTheTabIsHiddenAndPollsAtOnceWhenItShowsAgain() {
        driver.get(app.uri("/#/incidents").toString());
        ui.awaitHeading("Incidents");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#incidents-table tbody"), ATTACKER));
        // count the list's requests, then hide the tab as a browser does when another tab is in front
        ui.script("window.periscopeIncidentPolls = 0;"
                + "const fetchBefore = window.fetch;"
                + "window.fetch = (url, init) => { if (String(url).startsWith('/api/v1/incidents')) { window.periscopeIncidentPolls++; }"
                + " return fetchBefore(url, init); };"
                + "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        // two poll periods of live.js (EVERY_MS, 5 s) and some
        long hiddenFor = 12_000;
        await().pollDelay(Duration.ofMillis(hiddenFor)).atMost(Duration.ofMillis(hiddenFor + 1000)).until(() -> true);
        assertThat(((Number) ui.script("return window.periscopeIncidentPolls")).intValue()).as("polls while hidden").isZero();

        ui.script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> ((Number) ui.script("return window.periscopeIncidentPolls")).intValue() > 0);
    }
}
