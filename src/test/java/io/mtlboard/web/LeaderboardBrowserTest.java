package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The leaderboard page in a real headless Chromium: it renders, sorts, filters and draws its charts. */
@QuarkusTest
@Tag("browser")
class LeaderboardBrowserTest {

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        driver = HeadlessChromium.start(1400, 1200);
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            try {
                assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void shouldReportAnInlineScriptAsAContentSecurityPolicyViolation() {
        open("/");
        ((JavascriptExecutor) driver)
                .executeScript(
                        "const s = document.createElement('script');"
                                + "s.textContent = 'window.injected = 1;'; document.body.appendChild(s);");
        assertThat(
                        ((JavascriptExecutor) driver)
                                .executeScript("return window.injected === undefined"))
                .isEqualTo(true);
        assertThat(HeadlessChromium.cspViolations(driver))
                .anySatisfy(m -> assertThat(m).contains("script-src"));
    }

    private void open(String path) {
        driver.get(root.toString().replaceAll("/$", "") + path);
    }

    private void waitForChart(String canvasId) {
        HeadlessChromium.waitForChart(driver, canvasId);
    }

    /** Number of data points of the Chart.js chart on the canvas, and whether it painted pixels. */
    private long chartPoints(String canvasId) {
        return (Long)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "const c = Chart.getChart(document.getElementById(arguments[0]));"
                                        + "return c.data.datasets[0].data.filter(v => v !== null).length;",
                                canvasId);
    }

    private long paintedPixels(String canvasId) {
        return HeadlessChromium.paintedPixels(driver, canvasId);
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("table.board tbody tr[data-method]"));
    }

    private List<WebElement> rows(String tableId) {
        return driver.findElements(By.cssSelector("#" + tableId + " tbody tr[data-method]"));
    }

    @Test
    void shouldRankPerSettingMarkCrossProtocolRowsSortFilterAndDrawCharts() {
        // one page for every setting: Elich et al.'s two NYUv2 tables alone fill the default page
        // of 50 rows
        open("/leaderboards/nyuv2?size=200");
        assertThat(driver.getTitle()).contains("NYUv2");
        waitForChart("deltam-chart-0");
        waitForChart("metric-chart");
        // the richest settings first (Elich et al.'s tables, 24 rows each), each with its
        // single-task row on top
        // as the unranked baseline; the DB-MTL setting follows
        assertThat(driver.findElement(By.cssSelector("section.setting h2")).getText())
                .contains("Elich et al.");
        String dbmtl =
                driver.findElement(
                                By.cssSelector(
                                        "section[data-setting='deeplabv3plus-resnet50@dbmtl-2023']"))
                        .getDomAttribute("id")
                        .replace("setting-", "");
        List<WebElement> first = rows("leaderboard-" + dbmtl);
        assertThat(first).hasSize(19);
        assertThat(first.get(0).getDomAttribute("data-role")).isEqualTo("baseline");
        assertThat(first.get(0).findElement(By.cssSelector("td.rank")).getText()).isEqualTo("base");
        assertThat(first.get(1).findElement(By.cssSelector("td.rank")).getText()).isEqualTo("1");
        waitForChart("deltam-chart-" + dbmtl);
        assertThat(chartPoints("deltam-chart-" + dbmtl)).isEqualTo(18);
        assertThat(paintedPixels("deltam-chart-" + dbmtl)).isGreaterThan(1000);
        assertThat(paintedPixels("metric-chart")).isGreaterThan(1000);
        // rows whose baseline comes from another publication: shown with the note, never ranked
        List<WebElement> cross =
                driver.findElements(By.cssSelector("tr[data-role='cross-protocol']"));
        assertThat(cross).hasSizeGreaterThan(20);
        assertThat(cross)
                .allMatch(r -> r.findElement(By.cssSelector("td.rank")).getText().equals("—"));
        assertThat(cross.get(0).findElement(By.cssSelector("span.mark")).getDomAttribute("title"))
                .contains("another publication");
        assertThat(driver.findElement(By.cssSelector("#setting-" + dbmtl + " h2")).getText())
                .contains("DB-MTL protocol");

        driver.findElement(
                        By.cssSelector(
                                "#leaderboard-" + dbmtl + " a[data-sort='segmentation.mIoU']"))
                .click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("sort=segmentation.mIoU"));
        // sort links keep the filters but not the page size: reopen with room for every setting
        open("/leaderboards/nyuv2?size=200&sort=segmentation.mIoU");
        List<Double> miou =
                rows("leaderboard-" + dbmtl).stream()
                        .filter(r -> "ranked".equals(r.getDomAttribute("data-role")))
                        .map(
                                r ->
                                        Double.parseDouble(
                                                r.findElements(By.cssSelector("td.num"))
                                                        .get(3)
                                                        .getText()
                                                        .split(" ")[0]))
                        .toList();
        assertThat(miou).hasSize(18).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        new Select(driver.findElement(By.id("filter-backbone"))).selectByValue("segnet-mtan");
        driver.findElement(By.id("apply-filters")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("backbone=segnet-mtan"));
        assertThat(driver.getCurrentUrl()).contains("sort=segmentation.mIoU");
        waitForChart("metric-chart");
        assertThat(rows())
                .hasSize(15)
                .allMatch(r -> "segnet-mtan".equals(r.getDomAttribute("data-backbone")));
        // LibMTL's SegNet rows compare with the CAGrad paper's single-task row: no ranked row, no
        // Δm chart
        assertThat(driver.findElements(By.cssSelector("canvas.setting-chart"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("tr[data-role='cross-protocol']")))
                .hasSize(14);

        driver.findElement(By.linkText("cross-protocol rows are included")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("crossProtocol=include"));
        waitForChart("deltam-chart-0");
        assertThat(chartPoints("deltam-chart-0")).isEqualTo(14);
    }

    @Test
    void shouldRankPerSettingOnTheDefaultPageAndSayWhereTheCrossProtocolRowsAre() {
        // the page as a new user opens it: no query, 50 rows a page
        open("/leaderboards/nyuv2");
        waitForChart("deltam-chart-0");
        List<WebElement> sections =
                driver.findElements(By.cssSelector("section.setting:not(.claimed)"));
        assertThat(sections).hasSizeGreaterThan(3);
        int ranking = 0;
        for (WebElement section : sections) {
            List<String> ranks =
                    section.findElements(By.cssSelector("tr[data-role='ranked'] td.rank")).stream()
                            .map(WebElement::getText)
                            .toList();
            if (!ranks.isEmpty()) {
                // every setting's ranks start at 1 and never go down
                assertThat(ranks.get(0)).as(section.getDomAttribute("data-setting")).isEqualTo("1");
                assertThat(ranks.stream().map(Integer::parseInt).toList()).isSorted();
                ranking++;
            }
            // no row of another setting in a setting's table
            assertThat(section.findElements(By.cssSelector("tr[data-setting]")))
                    .allMatch(
                            r ->
                                    r.getDomAttribute("data-setting")
                                            .equals(section.getDomAttribute("data-setting")));
        }
        assertThat(ranking).isGreaterThanOrEqualTo(3);

        // which settings continue on later pages, by the API's own pages
        Map<String, Set<Integer>> laterPages = new HashMap<>();
        JsonPath first = given().when().get("/api/leaderboards/nyuv2").then().extract().jsonPath();
        int pages = first.getInt("pages");
        assertThat(pages).isGreaterThan(1);
        for (int page = 2; page <= pages; page++) {
            int p = page;
            given()
                    .when()
                    .get("/api/leaderboards/nyuv2?page=" + page)
                    .then()
                    .extract()
                    .jsonPath()
                    .<Map<String, Object>>getList("rows")
                    .stream()
                    .filter(r -> !"claimed".equals(r.get("role")))
                    .forEach(
                            r ->
                                    laterPages
                                            .computeIfAbsent(
                                                    (String)
                                                            ((Map<?, ?>) r.get("setting"))
                                                                    .get("id"),
                                                    k -> new TreeSet<>())
                                            .add(p));
        }
        assertThat(laterPages).isNotEmpty();
        for (var e : laterPages.entrySet()) {
            WebElement section =
                    driver.findElement(
                            By.cssSelector("section[data-setting='" + e.getKey() + "']"));
            WebElement note = section.findElement(By.cssSelector("p.setting-pages"));
            assertThat(note.isDisplayed()).isTrue();
            assertThat(
                            note.findElements(By.tagName("a")).stream()
                                    .map(a -> Integer.parseInt(a.getText()))
                                    .toList())
                    .as(e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }

        // LibMTL's SegNet rows compare with the CAGrad paper's single-task row: all on a later
        // page, yet the first page says so and why they are not ranked
        WebElement libmtl =
                driver.findElement(
                        By.cssSelector("section[data-setting='segnet-mtan@libmtl-results']"));
        assertThat(libmtl.findElements(By.cssSelector("tr[data-method]"))).isEmpty();
        WebElement cross = libmtl.findElement(By.cssSelector("p.cross-note"));
        assertThat(cross.isDisplayed()).isTrue();
        assertThat(cross.getText())
                .startsWith(
                        "‡ 14 rows of this setting take their single-task baseline from another protocol")
                .contains("CAGrad protocol")
                .contains("not ranked");
        WebElement legend =
                driver.findElement(By.xpath("//p[contains(., '‡ Cross-protocol row')]"));
        assertThat(legend.isDisplayed()).isTrue();
        assertThat(legend.getText()).contains("not ranked unless cross-protocol rows are included");
        WebElement more = libmtl.findElement(By.cssSelector("p.setting-pages"));
        assertThat(more.getText()).startsWith("All 14 rows of this setting are on page");
        int page = laterPages.get("segnet-mtan@libmtl-results").iterator().next();
        more.findElement(By.linkText(String.valueOf(page))).click();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("page=" + page));
        List<WebElement> listed =
                driver.findElements(
                        By.cssSelector(
                                "section[data-setting='segnet-mtan@libmtl-results'] tr[data-role='cross-protocol']"));
        assertThat(listed).isNotEmpty();
        assertThat(listed)
                .allMatch(r -> r.findElement(By.cssSelector("td.rank")).getText().equals("—"))
                .allMatch(r -> r.findElement(By.cssSelector("span.mark")).getText().equals("‡"));
    }

    @Test
    void shouldDrawTheParetoFrontAndRedrawItForOtherMetrics() {
        open("/leaderboards/nyuv2?setting=deeplabv3plus-resnet50@dbmtl-2023");
        waitForChart("pareto-chart");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(
                        d ->
                                "2"
                                        .equals(
                                                d.findElement(By.id("pareto-chart"))
                                                        .getDomAttribute("data-front")));
        assertThat(driver.findElement(By.id("pareto-chart")).getDomAttribute("data-points"))
                .isEqualTo("18");
        assertThat(paintedPixels("pareto-chart")).isGreaterThan(1000);
        new Select(driver.findElement(By.id("pareto-y"))).selectByValue("normal.mean");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(
                        d ->
                                "3"
                                        .equals(
                                                d.findElement(By.id("pareto-chart"))
                                                        .getDomAttribute("data-front")));
        assertThat(driver.findElement(By.id("pareto-summary")).getText())
                .startsWith("3 of 18 rows are non-dominated");
    }

    @Test
    void shouldSwitchTheMetricChart() {
        open("/leaderboards/nyuv2?backbone=deeplabv3plus-resnet50");
        waitForChart("metric-chart");
        new Select(driver.findElement(By.id("metric-select"))).selectByValue("depth.absErr");
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(
                        d ->
                                "depth.absErr"
                                        .equals(
                                                d.findElement(By.id("metric-chart"))
                                                        .getDomAttribute("data-metric")));
        // the value axis: y, or x when the dots lie on their side (a long title wraps into lines)
        String axis =
                (String)
                        ((JavascriptExecutor) driver)
                                .executeScript(
                                        "const c = Chart.getChart(document.getElementById('metric-chart'));"
                                                + "const a = c.options.indexAxis === 'y' ? c.options.scales.x : c.options.scales.y;"
                                                + "return [].concat(a.title.text).join(' ');");
        assertThat(axis).contains("absErr").contains("↓");
    }

    /**
     * A chart's layout as drawn: whether its bars lie on their side, its number of bars, its
     * height, and how many bars' mean ± error reach beyond its value axis.
     */
    private Map<?, ?> layout(String canvasId) {
        return (Map<?, ?>)
                ((JavascriptExecutor) driver)
                        .executeScript(
                                "const canvas = document.getElementById(arguments[0]);"
                                        + "const c = Chart.getChart(canvas);"
                                        + "const sideways = c.options.indexAxis === 'y';"
                                        + "const axis = sideways ? c.scales.x : c.scales.y;"
                                        + "const d = c.data.datasets[0];"
                                        + "let beyond = 0;"
                                        + "d.data.forEach((v, i) => { const e = d.errors ? d.errors[i] : null;"
                                        + "  if (v == null || e == null) return;"
                                        + "  if (v - e < axis.min - 1e-9 || v + e > axis.max + 1e-9) beyond++; });"
                                        + "return { sideways: sideways, bars: c.data.labels.length,"
                                        + "  height: canvas.getBoundingClientRect().height, beyond: beyond,"
                                        + "  errors: (d.errors || []).filter(e => e != null).length };",
                                canvasId);
    }

    /** The low end of a chart's value axis as drawn. */
    private double axisMin(String canvasId) {
        return ((Number)
                        ((JavascriptExecutor) driver)
                                .executeScript(
                                        "const c = Chart.getChart(document.getElementById(arguments[0]));"
                                                + "return (c.options.indexAxis === 'y' ? c.scales.x : c.scales.y).min;",
                                        canvasId))
                .doubleValue();
    }

    @Test
    void shouldLayBarsWithLongLabelsOnTheirSideAndKeepEveryErrorBarOnTheAxis() {
        // the method page: one chart per benchmark, one bar per setting × optimizer × level, labels
        // of 40–60 characters
        open("/methods/cagrad");
        waitForChart("method-chart-cityscapes");
        Map<?, ?> method = layout("method-chart-cityscapes");
        assertThat(method.get("sideways")).isEqualTo(true);
        assertThat(((Number) method.get("bars")).intValue()).isGreaterThanOrEqualTo(7);
        // a row of at least 18 px per bar, so that every label is written out
        assertThat(((Number) method.get("height")).doubleValue())
                .isGreaterThanOrEqualTo(18.0 * ((Number) method.get("bars")).intValue());
        // the published means carry the std their publication printed (Elich et al.'s Cityscapes
        // stds, DB-MTL's), each wholly on the axis
        assertThat(((Number) method.get("errors")).intValue()).isGreaterThan(5);
        assertThat(method.get("beyond")).isEqualTo(0L);
        assertThat(paintedPixels("method-chart-cityscapes")).isGreaterThan(1000);
        // each benchmark has an axis of its own: NYUv2's few points of Δm are not drawn
        // on the −90 % scale of Elich et al.'s SegNet rows on Cityscapes
        waitForChart("method-chart-nyuv2");
        assertThat(axisMin("method-chart-cityscapes")).isLessThan(-80.0);
        assertThat(axisMin("method-chart-nyuv2")).isGreaterThan(-10.0);
        // the bars take their source's colour, and a key under the chart says which is which
        assertThat(driver.findElement(By.cssSelector(".chart-key")).getText())
                .contains("literature: as published");

        // a leaderboard setting of short labels keeps its bars upright, error bars on the axis
        open("/leaderboards/cityscapes?setting=deeplabv3plus-resnet50@dbmtl-2023");
        waitForChart("deltam-chart-0");
        Map<?, ?> board = layout("deltam-chart-0");
        assertThat(board.get("sideways")).isEqualTo(false);
        assertThat(((Number) board.get("errors")).intValue()).isGreaterThan(5);
        assertThat(board.get("beyond")).isEqualTo(0L);

        // one bar lies on its side in a short chart rather than filling a tall one
        open("/leaderboards/cityscapes?setting=deeplabv3plus-resnet50@dbmtl-2023&method=cagrad");
        waitForChart("deltam-chart-0");
        Map<?, ?> one = layout("deltam-chart-0");
        assertThat(one.get("bars")).isEqualTo(1L);
        assertThat(one.get("sideways")).isEqualTo(true);
        assertThat(((Number) one.get("height")).doubleValue()).isLessThan(200.0);
        assertThat(one.get("beyond")).isEqualTo(0L);
    }
}
