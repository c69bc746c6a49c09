package io.rlhf4j.server;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Real headless Chromium driven by the Debian chromedriver. Nothing is downloaded: the driver and
 * browser paths are given explicitly, so Selenium Manager is never consulted.
 */
final class Browser implements AutoCloseable {
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final String CHROMIUM = Files.isExecutable(Path.of("/usr/lib/chromium/chromium")) ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium";

    final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    Browser(int port, Path profile, Path screenshots) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMEDRIVER)) || !Files.isExecutable(Path.of(CHROMIUM))) {
            throw new IllegalStateException("browser tests need chromium and chromedriver: apt-get install -y chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = "http://127.0.0.1:" + port;
        this.screenshots = Files.createDirectories(screenshots);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    void click(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Keys sent to the page (not to a field), the way a user presses shortcuts. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    void submitWithKeyboard() {
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    }

    void waitForText(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void waitForUrl(String fragment) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains(fragment));
    }

    Path screenshot(String name) throws IOException {
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
