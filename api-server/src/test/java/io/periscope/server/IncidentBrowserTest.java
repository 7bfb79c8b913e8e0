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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The incident pages in a real headless Chromium, as a security analyst works: the incidents list (sorted,
 * filtered), an incident with its timeline chart and evidence, dismissing it (the page follows it live), and the
 * actor page. Screenshots under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentBrowserTest {
    static final String ATTACKER = "198.51.100.77";

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
        DetectionFixture.publishStuffingAttack(app, ATTACKER, "192.0.2.11");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> TestApp.json(app.send(app.asAdmin("/api/v1/incidents?type=CREDENTIAL_STUFFING"))).path("total").asInt() > 0);

        ui = UiSession.open(browserDir, Duration.ofSeconds(15));
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
    void theIncidentsPageListsTheAttackerAndSortsAndFiltersOnTheServer() throws Exception {
        ui.signIn(app, TestApp.ADMIN_TOKEN);
        ui.click(By.linkText("Incidents"));
        ui.awaitHeading("Incidents");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#incidents-table tbody"), ATTACKER));
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]")).getText()).isEqualTo("Incidents");

        ui.click(By.xpath("//th/button[text()='Requests']"));
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//th[button[text()='Requests']]"), "aria-sort", "descending"));
        assertThat(driver.getCurrentUrl()).contains("sort=requests");

        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("severity"))).selectByValue("critical");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "No incident matches."));
        driver.findElement(By.cssSelector("form.filters button[type=reset]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".result-count"), "Incidents 1–1 of 1"));
        ui.screenshot("incidents-01-list");
    }

    @Test
    @Order(2)
    void anIncidentShowsItsTimelineChartAndEvidenceAndIsDismissed() throws Exception {
        ui.click(By.cssSelector("#incidents-table tbody th a"));
        ui.awaitHeading("Credential stuffing");
        assertThat(driver.findElements(By.cssSelector("svg.timeline-chart circle"))).isNotEmpty();
        assertThat(driver.findElement(By.id("main")).getText()).contains("Evidence (masked)").contains(ATTACKER);
        ui.screenshot("incidents-02-detail");

        // a reload would start a fresh document without this mark
        ((JavascriptExecutor) driver).executeScript("window.periscopeTestMark = 'still the same document'");
        ui.click(By.id("dismiss"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main [role=status]"), "recorded"));
        // the page follows the incident live: the dismissed version arrives without a click or a reload
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-status"), "Dismissed"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incident-verdict"), "Benign"));
        assertThat(((JavascriptExecutor) driver).executeScript("return window.periscopeTestMark")).isEqualTo("still the same document");
        assertThat(driver.findElement(By.cssSelector("main [role=status]")).getText()).as("the decision's answer stays").contains("recorded");
        ui.screenshot("incidents-03-dismissed");
    }

    @Test
    @Order(3)
    void theActorPageShowsItsAddressesAndIncidentsAndMarksItTrusted() throws Exception {
        ui.click(By.linkText("ip:" + ATTACKER));
        ui.awaitHeading("Actor ip:" + ATTACKER);
        assertThat(driver.findElement(By.id("main")).getText()).contains("X forwarded for").contains("Credential stuffing");
        ui.click(By.id("trust"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("actor-trust"), "Trusted by"));
        ui.screenshot("incidents-04-actor");
    }
}
