package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.AnalysisFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page type at a 390 px wide phone viewport — leaderboard, benchmark (with and without sample
 * pictures), method, run, methodology, home and each analysis page, with data, with a message and
 * without data: nothing makes the page scroll sideways; wide tables scroll inside their own box,
 * charts resize and picture grids wrap.
 */
@QuarkusTest
@Tag("browser")
class NarrowScreenBrowserTest {

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        AnalysisFixtures.load();
        driver = HeadlessChromium.start(390, 844);
        // headless Chromium clamps window sizes below ~500 px; emulate the phone's viewport instead
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The elements that reach past the viewport outside any box that scrolls on its own, for the message. */
    private static final String WIDEST =
            """
            const w = document.documentElement.clientWidth;
            const inScroller = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
            const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1);
            const outside = wide.filter(e => !inScroller(e));
            const tops = [...document.querySelectorAll('main > *, body > *')].filter(e => e.scrollWidth > w)
              .map(e => e.tagName.toLowerCase() + '.' + e.className + ':' + e.scrollWidth + '/' + getComputedStyle(e).overflowX).join(' ');
            return tops + ' | ' + (outside.length ? outside : wide).slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
              + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
              + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');
            """;

    @Test
    void shouldNotScrollSidewaysOnAnyPageType() {
        long run =
                given().when()
                        .get("/api/leaderboards/nyuv2?setting=deeplabv3plus-resnet50@dbmtl-2023")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("rows[1].runIds[0]");
        List<String> paths =
                List.of(
                        "/",
                        "/benchmarks/nyuv2",
                        "/leaderboards/nyuv2",
                        "/methods/db-mtl",
                        "/methods/stl",
                        "/runs/" + run,
                        "/docs",
                        "/docs/metrics",
                        "/docs/leaderboard",
                        "/docs/methods",
                        "/leaderboards/celeba",
                        "/benchmarks/celeba",
                        "/benchmarks/multifashion",
                        "/benchmarks/fashionscenes",
                        "/analysis",
                        "/analysis/ranking-similarity?benchmark=multifashion",
                        "/analysis/ranking-similarity?benchmark=nyuv2&backbone=segnet-mtan",
                        "/analysis/feature-disentanglement?benchmark=multifashion",
                        "/analysis/gradients?benchmark=multifashion",
                        "/analysis/gradients?benchmark=celeba",
                        "/analysis/levels?benchmark=multifashion",
                        "/analysis/optimizers",
                        "/analysis/optimizers?benchmark=multifashion",
                        "/analysis/optimizers?benchmark=nyuv2",
                        "/analysis/robustness?benchmark=multifashion&backbone=mobilenet-like",
                        "/analysis/robustness?benchmark=nyuv2",
                        "/analysis/task-grouping");
        List<String> overflowing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String path : paths) {
            driver.get(root.toString().replaceAll("/$", "") + path);
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(
                            d ->
                                    "complete"
                                            .equals(
                                                    ((JavascriptExecutor) d)
                                                            .executeScript(
                                                                    "return document.readyState")));
            if (path.startsWith("/analysis/")) {
                // an analysis page draws its charts, tables and messages once its JSON is in
                HeadlessChromium.waiting(driver)
                        .until(
                                d ->
                                        d.findElement(By.tagName("body"))
                                                        .getDomAttribute("data-loaded")
                                                != null);
            }
            long scroll =
                    (Long)
                            ((JavascriptExecutor) driver)
                                    .executeScript("return document.documentElement.scrollWidth;");
            long viewport =
                    (Long)
                            ((JavascriptExecutor) driver)
                                    .executeScript("return document.documentElement.clientWidth;");
            assertThat(viewport).isEqualTo(390);
            // the favicon, style sheets, scripts and data of every page are found: no console 404
            driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage)
                    .filter(m -> m.contains("Failed to load resource"))
                    .forEach(m -> failed.add(path + ": " + m));
            if (scroll > viewport + 1) {
                overflowing.add(
                        path
                                + " is "
                                + scroll
                                + " px wide in a "
                                + viewport
                                + " px viewport; widest: "
                                + ((JavascriptExecutor) driver).executeScript(WIDEST));
            }
        }
        assertThat(overflowing).isEmpty();
        assertThat(failed)
                .as("requests that failed (favicon, style sheets, scripts, data)")
                .isEmpty();
    }
}
