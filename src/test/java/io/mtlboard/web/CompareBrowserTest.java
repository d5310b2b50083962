package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.imports.ReferenceImporter;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The leaderboard's table controls and the compare page in a real headless Chromium: row selection
 * leads to the compare page with overlaid training curves; search and column picker live in the
 * address; rank and method stay in place; nothing widens the page at 390 px.
 */
@QuarkusTest
@Tag("browser")
class CompareBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKBONE = "resnet18";

    @TestHTTPResource("/")
    URL root;

    @Inject ReferenceImporter importer;
    @Inject LeaderboardVersion version;

    private ChromeDriver driver;

    @AfterEach
    void stop() {
        try {
            if (driver != null) {
                assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
            }
        } finally {
            if (driver != null) {
                driver.quit();
            }
            QuarkusTransaction.requiringNew()
                    .run(() -> Run.delete("importKey like ?1", "reference/%"));
            version.bumpAll();
        }
    }

    /** A reference run of MultiFashion with a three-epoch training log. */
    private static Map<String, Object> bundle(String method, int seed, double left, double right) {
        Map<String, Object> claims = Map.of("left.accuracy", left, "right.accuracy", right);
        List<Map<String, Object>> log = new ArrayList<>();
        for (int epoch = 1; epoch <= 3; epoch++) {
            log.add(
                    Map.of(
                            "epoch",
                            epoch,
                            "seconds",
                            1.0,
                            "losses",
                            Map.of("left", 2.0 / epoch, "right", 2.2 / epoch),
                            "validation",
                            Map.of(
                                    "left.accuracy",
                                    left - 10 + 3 * epoch,
                                    "right.accuracy",
                                    right - 10 + 3 * epoch)));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("benchmark", "multifashion");
        manifest.put("backbone", BACKBONE);
        manifest.put("method", method);
        manifest.put("optimizer", "adam");
        manifest.put("gradientLevel", "param");
        manifest.put("seed", seed);
        manifest.put("hyperParameters", Map.of("lr", 0.001, "epochs", 3));
        manifest.put("claims", claims);
        manifest.put("trainingLog", log);
        Map<String, Object> evaluation = new LinkedHashMap<>();
        evaluation.put("evaluatorVersion", "1");
        evaluation.put("verdict", "VERIFIED");
        evaluation.put("device", "cpu");
        evaluation.put("engine", "PyTorch 2.7.1 (DJL 0.36.0)");
        evaluation.put("measured", claims);
        evaluation.put("agrees", Map.of("left.accuracy", true, "right.accuracy", true));
        evaluation.put("parameterCount", 30000);
        evaluation.put("latencyMs", 0.3);
        evaluation.put("throughput", 5000.0);
        evaluation.put("samples", 10000);
        return Map.of(
                "format",
                "mtlboard-reference-run/1",
                "manifest",
                manifest,
                "evaluation",
                evaluation,
                "training",
                Map.of(
                        "seconds",
                        3.0,
                        "startedAt",
                        "2026-01-01T10:00:00Z",
                        "finishedAt",
                        "2026-01-01T10:00:03Z"));
    }

    private void importRuns() throws Exception {
        Path dir = Files.createTempDirectory("reference");
        Files.createDirectories(dir.resolve("multifashion"));
        String[][] runs = {{"stl", "80", "78"}, {"ew", "81", "77"}, {"pcgrad", "79", "80"}};
        for (String[] r : runs) {
            for (int seed = 0; seed < 2; seed++) {
                JSON.writeValue(
                        dir.resolve("multifashion").resolve(r[0] + "-" + seed + ".json").toFile(),
                        bundle(
                                r[0],
                                seed,
                                Double.parseDouble(r[1]) + seed,
                                Double.parseDouble(r[2]) - seed));
            }
        }
        assertThat(importer.importAll(dir)).isEqualTo(6);
    }

    private void open(String path) {
        driver.get(root.toString().replaceAll("/$", "") + path);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The elements that reach past the viewport outside a box that scrolls, for the message. */
    private String widest() {
        return (String)
                js(
                        "const w = document.documentElement.clientWidth;"
                                + "const m = document.querySelector('main').getBoundingClientRect();"
                                + "return 'main ' + Math.round(m.left) + '-' + Math.round(m.right) + ': '"
                                + " + [...document.querySelectorAll('body *')]"
                                + ".filter(e => e.getBoundingClientRect().right > w + 1)"
                                + ".filter(e => { for (let p = e.parentElement; p; p = p.parentElement) {"
                                + " if (getComputedStyle(p).overflowX === 'auto') return false; } return true; })"
                                + ".slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
                                + " + Math.round(e.getBoundingClientRect().left) + '-'"
                                + " + Math.round(e.getBoundingClientRect().right)).join(', ');");
    }

    private String query() {
        return (String) js("return window.location.search;");
    }

    @Test
    void shouldCompareTwoSelectedRowsWithTheirTrainingCurvesOverlaid() throws Exception {
        importRuns();
        driver = HeadlessChromium.start(1400, 1200);
        open("/leaderboards/multifashion?backbone=" + BACKBONE + "&source=reference");
        WebElement button = driver.findElement(By.id("compare-button"));
        assertThat(button.isEnabled()).isFalse();
        List<WebElement> picks =
                driver.findElements(
                        By.cssSelector(
                                "tr[data-method='ew'] input.compare-pick, tr[data-method='pcgrad'] input.compare-pick"));
        assertThat(picks).hasSize(2);
        picks.forEach(WebElement::click);
        assertThat(button.getText()).isEqualTo("Compare (2)");
        assertThat(button.isEnabled()).isTrue();
        button.click();
        HeadlessChromium.waiting(driver)
                .until(d -> d.getCurrentUrl().contains("/leaderboards/multifashion/compare?rows="));
        List<String> heads =
                driver.findElements(By.cssSelector("#compare-table th.row-head")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(heads).containsExactlyInAnyOrder("EW", "PCGrad");
        // seed 0 stands for each row; both curves are drawn, three epochs each
        assertThat(driver.findElement(By.id("compare-curve-runs")).getText()).contains("seed 0");
        HeadlessChromium.waitForChart(driver, "curve-validation");
        HeadlessChromium.waitForChart(driver, "curve-loss");
        assertThat(
                        js(
                                "return Chart.getChart(document.getElementById('curve-validation')).data.datasets.length;"))
                .isEqualTo(2L);
        assertThat(driver.findElement(By.id("curve-validation")).getDomAttribute("data-points"))
                .isEqualTo("6");
        // the better value per metric is marked: PCGrad's right accuracy, EW's left accuracy
        assertThat(
                        driver.findElement(
                                        By.cssSelector("tr[data-metric='right.accuracy'] td.best"))
                                .getText())
                .startsWith("79.50");
        // two seeds a row, 79.50 ± 0.71 against 76.50 ± 0.71: 3 > 1.41, a clear difference
        assertThat(
                        driver.findElements(
                                By.cssSelector(
                                        "tr[data-metric='right.accuracy'] span.best-mark[data-verdict='clear']")))
                .hasSize(1);
        // the page survives a reload: its address names the rows
        driver.navigate().refresh();
        assertThat(driver.findElements(By.cssSelector("#compare-table th.row-head"))).hasSize(2);
    }

    @Test
    void shouldKeepSearchAndColumnsInTheAddressAndRankAndMethodInPlace() throws Exception {
        driver = HeadlessChromium.start(1400, 1200);
        open("/leaderboards/nyuv2?size=200");
        WebElement summary = driver.findElement(By.id("column-summary"));
        assertThat(summary.getText()).isEqualTo("6 of 9 metric columns");
        // the first metric column on by default, off after unticking it
        String first =
                driver.findElement(By.cssSelector("#column-picker input[data-kind='metric']"))
                        .getDomAttribute("data-col");
        WebElement head =
                driver.findElement(By.cssSelector("table.board th[data-col='" + first + "']"));
        assertThat(head.isDisplayed()).isTrue();
        summary.click();
        driver.findElement(By.cssSelector("#column-picker input[data-col='" + first + "']"))
                .click();
        assertThat(head.isDisplayed()).isFalse();
        assertThat(summary.getText()).isEqualTo("5 of 9 metric columns");
        assertThat(query()).contains("cols=");
        // the search goes to the server, over the whole board, keeping size and columns
        WebElement search = driver.findElement(By.id("board-search"));
        search.sendKeys("imtl");
        search.submit();
        HeadlessChromium.waiting(driver).until(d -> query().contains("q=imtl"));
        assertThat(query()).contains("size=200").contains("cols=");
        List<WebElement> shown =
                driver.findElements(By.cssSelector("table.board tbody tr[data-key]"));
        assertThat(shown).isNotEmpty();
        assertThat(shown)
                .allMatch(r -> r.getDomAttribute("data-title").toLowerCase().contains("imtl"));
        assertThat(driver.findElements(By.cssSelector("tr[data-method='ew']"))).isEmpty();
        assertThat(driver.findElement(By.id("search-status")).getText())
                .startsWith(shown.size() + " rows match “imtl”");
        // the column choice came along
        assertThat(
                        driver.findElement(
                                        By.cssSelector("table.board th[data-col='" + first + "']"))
                                .isDisplayed())
                .isFalse();
        // a reload keeps both
        driver.navigate().refresh();
        assertThat(driver.findElement(By.id("board-search")).getDomProperty("value"))
                .isEqualTo("imtl");
        assertThat(
                        driver.findElement(
                                        By.cssSelector("table.board th[data-col='" + first + "']"))
                                .isDisplayed())
                .isFalse();
        assertThat(driver.findElements(By.cssSelector("tr[data-method='ew']"))).isEmpty();
        // the server-side filters keep them too
        driver.findElement(By.id("apply-filters")).click();
        HeadlessChromium.waiting(driver).until(d -> query().contains("backbone="));
        assertThat(query()).contains("q=imtl").contains("cols=");
        // clearing the search lists every row again, columns kept
        driver.findElement(By.id("clear-search")).click();
        HeadlessChromium.waiting(driver).until(d -> !query().contains("q="));
        assertThat(query()).contains("cols=");
        assertThat(driver.findElements(By.cssSelector("tr[data-method='ew']"))).isNotEmpty();
        // rank and method stay in place when the table scrolls sideways
        assertThat(
                        js(
                                "return getComputedStyle(document.querySelector('table.board tbody td.rank')).position"))
                .isEqualTo("sticky");
        assertThat(
                        js(
                                "return getComputedStyle(document.querySelector('table.board tbody td.method')).position"))
                .isEqualTo("sticky");
    }

    @Test
    void shouldKeepTheChosenRowsAcrossPagesAndCompareRowsOfTwoPages() throws Exception {
        importRuns();
        driver = HeadlessChromium.start(1400, 1200);
        // two rows a page: the single-task row and one method on page 1, the other on page 2
        open("/leaderboards/multifashion?backbone=" + BACKBONE + "&source=reference&size=2");
        WebElement onFirst =
                driver.findElement(By.cssSelector("tr[data-role='ranked'] input.compare-pick"));
        String firstKey = onFirst.getDomAttribute("value");
        onFirst.click();
        assertThat(driver.findElement(By.id("compare-button")).getText()).isEqualTo("Compare (1)");
        driver.findElement(By.linkText("next →")).click();
        HeadlessChromium.waiting(driver).until(d -> query().contains("page=2"));
        // the choice of page 1 is still there, named in the compare bar
        List<WebElement> chosen = driver.findElements(By.cssSelector("#compare-chosen li"));
        assertThat(chosen).hasSize(1);
        assertThat(chosen.get(0).getDomAttribute("data-key")).isEqualTo(firstKey);
        assertThat(chosen.get(0).getText()).contains("· adam · reference");
        WebElement onSecond =
                driver.findElement(By.cssSelector("tr[data-role='ranked'] input.compare-pick"));
        String secondKey = onSecond.getDomAttribute("value");
        assertThat(secondKey).isNotEqualTo(firstKey);
        onSecond.click();
        WebElement button = driver.findElement(By.id("compare-button"));
        assertThat(button.getText()).isEqualTo("Compare (2)");
        assertThat(button.isEnabled()).isTrue();
        // a row can be removed from the bar, and ticked again
        driver.findElement(
                        By.cssSelector(
                                "#compare-chosen li[data-key='" + secondKey + "'] button.remove"))
                .click();
        assertThat(button.getText()).isEqualTo("Compare (1)");
        assertThat(button.isEnabled()).isFalse();
        assertThat(onSecond.isSelected()).isFalse();
        onSecond.click();
        // back on page 1 the first row is still ticked
        driver.findElement(By.linkText("← previous")).click();
        HeadlessChromium.waiting(driver).until(d -> !query().contains("page=2"));
        assertThat(
                        driver.findElement(
                                        By.cssSelector(
                                                "input.compare-pick[value='" + firstKey + "']"))
                                .isSelected())
                .isTrue();
        driver.findElement(By.id("compare-button")).click();
        HeadlessChromium.waiting(driver)
                .until(d -> d.getCurrentUrl().contains("/leaderboards/multifashion/compare?rows="));
        assertThat(
                        driver.findElements(By.cssSelector("#compare-table th.row-head")).stream()
                                .map(h -> h.getDomAttribute("data-key"))
                                .toList())
                .containsExactly(firstKey, secondKey);
    }

    @Test
    void shouldNotWidenThePageAt390Pixels() throws Exception {
        importRuns();
        driver = HeadlessChromium.start(390, 844);
        // a phone's viewport: the window alone cannot be made that narrow
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        open("/leaderboards/multifashion?backbone=" + BACKBONE + "&source=reference");
        List<String> keys =
                driver.findElements(By.cssSelector("tr[data-key]")).stream()
                        .map(r -> r.getDomAttribute("data-key"))
                        .limit(3)
                        .toList();
        assertThat(js("return document.documentElement.scrollWidth;")).as(widest()).isEqualTo(390L);
        open("/leaderboards/multifashion/compare?rows=" + String.join(",", keys));
        HeadlessChromium.waitForChart(driver, "curve-validation");
        assertThat(js("return document.documentElement.scrollWidth;")).as(widest()).isEqualTo(390L);
    }
}
