package io.periscope.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Alerts page in a real headless Chromium, as an admin works: add a destination, copy the secret shown once,
 * send a test event and read the receiver's answer, open the delivery log. Screenshots under target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertsBrowserTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserDir;
    TestApp app;
    UiSession ui;
    ChromeDriver driver;
    WebDriverWait wait;
    HttpServer receiver;
    final List<String> signatures = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        UiSession.assumeInstalled();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            signatures.add(ex.getRequestHeaders().getFirst("webhook-signature"));
            ex.getRequestBody().readAllBytes();
            byte[] ok = "received".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        receiver.start();
        Map<String, Object> p = TestApp.properties(dataDir);
        p.put("periscope.alerts.allow-http", true);
        p.put("periscope.alerts.allowed-cidrs", "127.0.0.0/8");
        app = TestApp.start(p);
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
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void anAdminAddsADestinationSeesItsSecretOnceAndTestsIt() throws Exception {
        ui.signIn(app, TestApp.ADMIN_TOKEN);
        ui.click(By.linkText("Alerts"));
        ui.awaitHeading("Alerts");

        driver.findElement(By.name("name")).sendKeys("SOC webhook");
        driver.findElement(By.name("url")).sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        new Select(driver.findElement(By.name("minSeverity"))).selectByValue("MEDIUM");
        driver.findElement(By.cssSelector("#new-destination button[type=submit]")).click();

        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
        assertThat(secret).startsWith("whsec_");
        assertThat(driver.findElement(By.id("destinations")).getText()).contains("SOC webhook").contains("Medium");
        ui.screenshot("20-alerts-secret-shown-once");

        driver.findElement(By.cssSelector("#destinations button[data-id]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("test-result"), "HTTP 200"));
        assertThat(driver.findElement(By.id("test-result")).getText()).contains("Delivered").contains("received");
        assertThat(signatures).hasSize(1);
        ui.screenshot("21-alerts-test-sent");

        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("destinations")));
        assertThat(driver.findElements(By.id("new-secret"))).as("the secret is shown once").isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(secret.substring(6));

        driver.findElement(By.linkText("Delivery log")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), "Delivery log: SOC webhook"));
        assertThat(driver.findElement(By.id("delivery-log")).getText()).contains("Latest delivery attempts");
        ui.screenshot("22-alerts-delivery-log");
    }
}
