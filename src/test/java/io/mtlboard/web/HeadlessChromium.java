package io.mtlboard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven headless by its ChromeDriver, for the browser tests, with the checks
 * they share: a chart has drawn (the page sets {@code data-ready} on its canvas) and painted pixels.
 * Tests using it are skipped with a reason when Chromium or ChromeDriver is not installed.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A fresh browser with its own profile and a window of the given size. */
    static ChromeDriver start(int width, int height) throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // the console log carries every Content-Security-Policy violation the page causes
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /**
     * The Content-Security-Policy violations reported on the browser's console since the last call
     * (an inline script, a style or a script from elsewhere that the policy refused).
     */
    static List<String> cspViolations(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy"))
                .toList();
    }

    /**
     * The errors reported on the browser's console since the last call: uncaught script errors and
     * rejections (a module that failed to import or link, say) and Content-Security-Policy violations.
     * Error answers to requests are left out: tests provoke them on purpose, and the pages report them.
     */
    static List<String> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(
                        e ->
                                e.getMessage().contains("Content Security Policy")
                                        || (e.getLevel().intValue() >= Level.SEVERE.intValue()
                                                && !e.getMessage()
                                                        .contains("Failed to load resource")))
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Waits up to 20 s for a condition of the page. */
    static WebDriverWait waiting(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Waits until the page's script has drawn the chart on the canvas (the page loaded its JSON). */
    static void waitForChart(ChromeDriver driver, String canvasId) {
        waiting(driver)
                .until(
                        d ->
                                "true"
                                        .equals(
                                                d.findElement(By.id(canvasId))
                                                        .getDomAttribute("data-ready")));
    }

    /** Non-transparent pixels of a canvas: the chart really painted. */
    static long paintedPixels(ChromeDriver driver, String canvasId) {
        return (Long)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "const c = document.getElementById(arguments[0]);"
                                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                                        + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) n++; } return n;",
                                canvasId);
    }
}
