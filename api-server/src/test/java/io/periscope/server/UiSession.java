package io.periscope.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real headless Chromium, with the steps every browser test takes: start the browser, sign in,
 * click an element of a page that may still be re-rendering, wait for a page's heading, save a screenshot under
 * {@link #SCREENSHOTS}.
 */
final class UiSession implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;
    final WebDriverWait wait;

    private UiSession(ChromeDriver driver, Duration timeout) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, timeout);
    }

    /** Skips the calling test class where Chromium or its driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    }

    /** Headless Chromium as every browser test runs it, with its profile under {@code browserDir}. */
    static ChromeOptions headlessOptions(Path browserDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + browserDir.resolve("profile"), "--window-size=1280,900");
        return options;
    }

    static UiSession open(Path browserDir, Duration timeout) throws Exception {
        return open(headlessOptions(browserDir), timeout);
    }

    /** Starts Chromium through the installed chromedriver (Selenium Manager never downloads one). */
    static UiSession open(ChromeOptions options, Duration timeout) throws Exception {
        assumeInstalled();
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new UiSession(new ChromeDriver(service, options), timeout);
    }

    /** Opens the UI, which sends a visitor without a session to the sign-in page, and signs in with the token. */
    UiSession signIn(TestApp app, String token) {
        driver.get(app.uri("/").toString());
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        awaitHeading("Overview");
        return this;
    }

    /** Clicks an element of a page that may still be re-rendering (each route renders anew). */
    void click(By by) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Waits for the page's heading; on a timeout the failure shows what the page says instead. */
    void awaitHeading(String text) {
        try {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), text));
        } catch (TimeoutException e) {
            throw new AssertionError("no heading \"" + text + "\"; the page shows: "
                    + script("return document.getElementById('main').innerText"), e);
        }
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void screenshot(String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A screenshot of the whole page: the window grows to the page's height for the shot (headless allows it). */
    void fullPageScreenshot(String name) throws Exception {
        Number height = (Number) script("return document.documentElement.scrollHeight;");
        driver.manage().window().setSize(new Dimension(1280, Math.min(height.intValue() + 140, 6000)));
        try {
            screenshot(name);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
