package io.mtlboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.AnalysisFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every analysis page in a real headless Chromium, on the analysis fixtures: it renders, its
 * charts draw, and a control changes what is shown and the URL. Each test also saves a screenshot
 * to target/screenshots for review.
 */
@QuarkusTest
@Tag("browser")
class AnalysisBrowserTest {

    private static final Path SHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/")
    URL root;

    private ChromeDriver driver;

    @BeforeEach
    void startBrowser() throws Exception {
        AnalysisFixtures.load();
        driver = HeadlessChromium.start(1400, 1800);
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

    private void open(String path) {
        driver.get(root.toString().replaceAll("/$", "") + path);
    }

    private WebDriverWait waiting() {
        return HeadlessChromium.waiting(driver);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Waits until the page's script has drawn the chart on the canvas (the page loaded its JSON). */
    private void waitForChart(String canvasId) {
        HeadlessChromium.waitForChart(driver, canvasId);
    }

    /** Waits until a redraw after the given load counter (a control changed and the JSON came back). */
    private void waitForReload(String before) {
        waiting()
                .until(
                        d -> {
                            String now =
                                    d.findElement(By.tagName("body"))
                                            .getDomAttribute("data-loaded");
                            return now != null && !now.equals(before);
                        });
    }

    private String loads() {
        return driver.findElement(By.tagName("body")).getDomAttribute("data-loaded");
    }

    private long datasets(String canvasId) {
        return (Long)
                js(
                        "return Chart.getChart(document.getElementById(arguments[0])).data.datasets.length;",
                        canvasId);
    }

    private long points(String canvasId) {
        return Long.parseLong(driver.findElement(By.id(canvasId)).getDomAttribute("data-points"));
    }

    /** The text of the colour key under a chart (see chart-layout.js colourKey). */
    private String keyUnder(String canvasId) {
        return driver.findElement(
                        By.xpath(
                                "//canvas[@id='"
                                        + canvasId
                                        + "']/ancestor::div[contains(@class,'canvas-wrap')]"
                                        + "/following-sibling::div[contains(@class,'chart-key')]"))
                .getText();
    }

    /** Non-transparent pixels of a canvas: the chart really painted. */
    private long painted(String canvasId) {
        return HeadlessChromium.paintedPixels(driver, canvasId);
    }

    private void choose(String selectId, String value) {
        String before = loads();
        new Select(driver.findElement(By.id(selectId))).selectByValue(value);
        waitForReload(before);
    }

    private String messages() {
        return driver.findElement(By.id("messages")).getText();
    }

    private void screenshot(String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(
                SHOTS.resolve("analysis-" + name + ".png"),
                driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void shouldListEveryAnalysisPageFromTheNavigation() throws Exception {
        open("/");
        driver.findElement(By.id("nav-analysis")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/analysis"));
        List<WebElement> links = driver.findElements(By.cssSelector("#analysis-pages a"));
        assertThat(links)
                .extracting(WebElement::getText)
                .containsExactly(
                        "Ranking similarity",
                        "Feature disentanglement",
                        "Gradients",
                        "Parameter- vs feature-level gradients",
                        "Task grouping",
                        "Adam vs SGD",
                        "Robustness");
        assertThat(links.get(0).getDomAttribute("href")).contains("benchmark=multifashion");
        screenshot("index");
        links.get(0).click();
        waitForChart("indicator-heatmap");
        assertThat(driver.getTitle()).contains("Ranking similarity");
    }

    @Test
    void shouldDrawTheRankingHeatmapsAndSwitchTheCoefficient() throws Exception {
        open("/analysis/ranking-similarity?benchmark=multifashion&optimizer=adam");
        waitForChart("indicator-heatmap");
        waitForChart("backbone-heatmap");
        waitForChart("dataset-heatmap");
        waitForChart("scatter-chart");
        // 12 scorings (test Δm, 9 logged indicators and the two training losses): 144 cells
        assertThat(points("indicator-heatmap")).isEqualTo(144);
        assertThat(painted("indicator-heatmap")).isGreaterThan(10_000);
        assertThat(points("scatter-chart")).isEqualTo(10);
        assertThat(painted("scatter-chart")).isGreaterThan(1000);
        // indicators sharing a qualifier are grouped: ticks name the measure, the group its
        // qualifier (the lone feature-level cosine and the training losses stay whole)
        assertThat(driver.findElement(By.id("indicator-heatmap")).getDomAttribute("data-groups"))
                .isEqualTo("param, inter-task, batch | param, inter-sample, batch");
        List<String> ticks =
                ((List<?>)
                                js(
                                        "const c = Chart.getChart(document.getElementById('indicator-heatmap'));"
                                                + "return c.scales.y.ticks.map(t => t.label);"))
                        .stream().map(String::valueOf).toList();
        assertThat(ticks)
                .contains("cosine", "magnitude", "test Δm (per-task)")
                .doesNotContain("cosine similarity (param, inter-task, batch)");
        // every heatmap has a key to its colours and marks
        for (String id : List.of("indicator-heatmap", "backbone-heatmap", "dataset-heatmap")) {
            WebElement legend =
                    driver.findElement(
                            By.xpath("//canvas[@id='" + id + "']/../following-sibling::div[1]"));
            assertThat(legend.getDomAttribute("class")).isEqualTo("heat-legend");
            assertThat(legend.getText())
                    .contains("−1 opposite", "1 same ranking", "interval includes 0", "n < 5");
        }
        assertThat(
                        driver.findElement(By.id("indicator-heatmap"))
                                .getDomAttribute("data-coefficient"))
                .isEqualTo("Kendall τ-b");
        // nine of the ten fixture rows have one seed: the bootstrap interval collapses onto the
        // value, and the verdict says it is too narrow
        assertThat(driver.findElement(By.id("scatter-caption")).getText())
                .contains("Kendall τ-b = 1.00 [1.00, 1.00], n = 10");
        assertThat(driver.findElement(By.id("scatter-verdict")).getText())
                .contains("beyond seed noise")
                .contains("9 of 10 rows have one run and add no seed spread");
        // cells over rows of one run each have no interval: marked untested (outlined dashed),
        // never greyed as noise; the dataset heatmap compares literature rows of one run
        long untested =
                (Long)
                        js(
                                "return Chart.getChart(document.getElementById(arguments[0]))"
                                        + ".data.datasets[0].data.filter(d => d.untested && !d.ci"
                                        + " && !d.noise).length;",
                                "dataset-heatmap");
        assertThat(untested).isPositive();
        assertThat(
                        (Long)
                                js(
                                        "return Chart.getChart(document.getElementById(arguments[0]))"
                                                + ".data.datasets[0].data.filter(d => d.untested"
                                                + " && d.ci).length;",
                                        "indicator-heatmap"))
                .isZero();
        assertThat(driver.findElement(By.id("noise-ceiling")).getText())
                .startsWith("No noise ceiling");
        screenshot("ranking-similarity");

        choose("control-coefficient", "spearman-rho");
        assertThat(driver.getCurrentUrl())
                .contains("coefficient=spearman-rho")
                .contains("optimizer=adam");
        assertThat(
                        driver.findElement(By.id("indicator-heatmap"))
                                .getDomAttribute("data-coefficient"))
                .isEqualTo("Spearman ρ");
        // test Δm against the conflict ratio: ρ = 0.9 over n = 5 (see make_fixtures.py)
        Object cell =
                js(
                        "const c = Chart.getChart(document.getElementById('indicator-heatmap'));"
                                + "const p = c.data.datasets[0].data.find(d => d.y === 0 && d.x === 3); return [p.v, p.n];");
        assertThat((List<?>) cell)
                .satisfiesExactly(
                        v -> assertThat(((Number) v).doubleValue()).isEqualTo(0.9),
                        n -> assertThat(((Number) n).intValue()).isEqualTo(5));

        choose("control-indicator", "fd.value");
        assertThat(driver.getCurrentUrl()).contains("indicator=fd.value");
        assertThat(driver.findElement(By.id("scatter-caption")).getText())
                .startsWith("feature disentanglement (FD)");
        // every indicator against test Δm: the heatmap's first row, redrawn in ρ, with its reading
        List<WebElement> readings = driver.findElements(By.cssSelector("#readings-table tbody tr"));
        assertThat(readings).hasSize(11);
        // test Δm against the conflict ratio, ρ = 0.9 over n = 5, as in the heatmap
        assertThat(readings)
                .extracting(WebElement::getText)
                .anyMatch(
                        t ->
                                t.startsWith("conflict ratio")
                                        && t.contains(" 0.90 ")
                                        && t.contains(" 5 "));
        assertThat(driver.findElement(By.id("reading-summary")).getText())
                .startsWith("Of 9 indicators, ")
                .contains("; no readable noise ceiling yet. ")
                // 5 read at 95 %: Binomial(5, 0.05) stays at or below 1 in 95 % of cases
                .endsWith(
                        "about 0.3 of 5 indicators would still fall outside their 95 % interval by"
                                + " chance, and at most 1 in 95 % of cases (counting the tests as"
                                + " independent): the 5 found are more than chance alone would give.");
    }

    @Test
    void shouldMarkTooFewMethodsAndSayItPlainly() {
        open("/analysis/ranking-similarity?benchmark=nyuv2&backbone=segnet-mtan");
        waitForChart("indicator-heatmap");
        assertThat(driver.findElement(By.id("indicator-notes")).getText())
                .startsWith("Too little data to conclude");
        assertThat(messages()).contains("No run of this benchmark and backbone has a training log");
        assertThat(driver.findElement(By.id("scatter-notes")).getText())
                .contains("Too little data to conclude");
    }

    @Test
    void shouldOverlayTheChosenFdCurves() throws Exception {
        open(
                "/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5&optimizer=adam");
        waitForChart("fd-curves");
        waitForChart("fd-finals");
        assertThat(datasets("fd-curves")).isEqualTo(10);
        assertThat(points("fd-curves")).isEqualTo(30);
        assertThat(painted("fd-curves")).isGreaterThan(1000);
        assertThat(driver.findElement(By.id("finals-caption")).getText())
                // EW's two runs share their final FD and the other rows have one run: the
                // interval collapses, and the note says it is too narrow
                .isEqualTo("Kendall τ-b = 0.96 [0.96, 0.96], n = 10");
        assertThat(driver.findElement(By.id("finals-notes")).getText())
                .startsWith("Beyond seed noise, but 9 of 10 rows have one run");
        assertThat(driver.findElement(By.id("measured-notes")).getText()).startsWith("No data yet");
        screenshot("feature-disentanglement");

        // a click on the first legend entry hides that curve
        WebElement canvas = driver.findElement(By.id("fd-curves"));
        List<?> offset =
                (List<?>)
                        js(
                                "const c = Chart.getChart(arguments[0]); const b = c.legend.legendHitBoxes[0];"
                                        + "const r = arguments[0].getBoundingClientRect();"
                                        + "return [Math.round(b.left + b.width / 2 - r.width / 2), Math.round(b.top + b.height / 2 - r.height / 2)];",
                                canvas);
        new Actions(driver)
                .moveToElement(
                        canvas,
                        ((Number) offset.get(0)).intValue(),
                        ((Number) offset.get(1)).intValue())
                .click()
                .perform();
        waiting()
                .until(
                        d ->
                                Boolean.FALSE.equals(
                                        js(
                                                "return Chart.getChart(arguments[0]).isDatasetVisible(0);",
                                                canvas)));

        String before = loads();
        driver.findElement(By.cssSelector("#control-methods input[value='ew']")).click();
        waitForReload(before);
        assertThat(datasets("fd-curves")).isEqualTo(9);
        assertThat(driver.getCurrentUrl()).contains("method=").doesNotContain("method=ew");

        open("/analysis/feature-disentanglement?benchmark=multifashion&backbone=mobilenet-like");
        waitForChart("fd-finals");
        assertThat(driver.findElements(By.cssSelector("#measured-table tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.id("measured-table")).getText())
                .contains("0.420")
                .contains("0.500");
    }

    @Test
    void shouldListTheLegendOfManyCurvesUnderTheChartAndToggleThem() {
        // ten curves: Chart.js draws their legend
        open(
                "/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5&optimizer=adam");
        waitForChart("fd-curves");
        WebElement canvas = driver.findElement(By.id("fd-curves"));
        assertThat(datasets("fd-curves")).isEqualTo(10);
        assertThat(
                        js(
                                "return Chart.getChart(arguments[0]).options.plugins.legend.display;",
                                canvas))
                .isEqualTo(true);
        assertThat(driver.findElements(By.cssSelector(".legend-list"))).isEmpty();

        // fourteen curves drawn by the page's own chart module on the same canvas: the legend is
        // a list under the chart (the fixtures have no page of more than ten curves)
        ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/static/js/analysis/charts.js').then(m => {"
                                + "  const series = Array.from({ length: 14 }, (_, i) => ({ label: 'curve ' + i,"
                                + "    points: [1, 2, 3].map(e => ({ epoch: e, mean: i + e / 10, std: null, n: 1 })) }));"
                                + "  m.curves(arguments[0], series, 'FD');"
                                + "  done(true);"
                                + "});",
                        canvas);
        assertThat(datasets("fd-curves")).isEqualTo(14);
        assertThat(
                        js(
                                "return Chart.getChart(arguments[0]).options.plugins.legend.display;",
                                canvas))
                .isEqualTo(false);
        List<WebElement> entries =
                driver.findElements(By.cssSelector(".legend-list li button[aria-pressed]"));
        assertThat(entries).hasSize(14);
        assertThat(entries.get(1).getText()).isEqualTo("curve 1");
        // one entry hides its curve, and says so
        entries.get(1).click();
        assertThat(js("return Chart.getChart(arguments[0]).isDatasetVisible(1);", canvas))
                .isEqualTo(false);
        assertThat(entries.get(1).getDomAttribute("aria-pressed")).isEqualTo("false");
        assertThat(js("return Chart.getChart(arguments[0]).isDatasetVisible(0);", canvas))
                .isEqualTo(true);
        // "hide all", then "show all"
        String visible =
                "const c = Chart.getChart(arguments[0]);"
                        + "return c.data.datasets.filter((_, i) => c.isDatasetVisible(i)).length;";
        driver.findElement(By.xpath("//div[@class='legend-all']/button[text()='hide all']"))
                .click();
        assertThat(js(visible, canvas)).isEqualTo(0L);
        driver.findElement(By.xpath("//div[@class='legend-all']/button[text()='show all']"))
                .click();
        assertThat(js(visible, canvas)).isEqualTo(14L);
        // the chart box takes the page's width for its many curves
        assertThat(
                        canvas.findElement(By.xpath("ancestor::div[contains(@class,'chart-box')]"))
                                .getDomAttribute("class"))
                .contains("wide-for-labels");
    }

    @Test
    void shouldDrawGradientCurvesAndSwitchTheLevel() throws Exception {
        open("/analysis/gradients?benchmark=multifashion&backbone=lenet5&optimizer=adam");
        waitForChart("cosine-curves");
        waitForChart("scope-histogram");
        waitForChart("scope-pairs");
        assertThat(datasets("cosine-curves")).isEqualTo(10);
        assertThat(painted("magnitude-curves")).isGreaterThan(1000);
        assertThat(painted("scope-histogram")).isGreaterThan(1000);
        assertThat(driver.findElement(By.id("histogram-caption")).getText())
                .contains("inter-sample 0.120");
        screenshot("gradients");

        choose("control-level", "feature");
        assertThat(driver.getCurrentUrl()).contains("level=feature");
        assertThat(datasets("cosine-curves")).isEqualTo(4);
        assertThat(driver.findElement(By.id("comparison-notes")).getText())
                .startsWith("No data yet");
    }

    @Test
    void shouldPairParameterAndFeatureLevelsAndFollowTheBackboneFilter() throws Exception {
        open("/analysis/levels?benchmark=multifashion&source=claimed");
        waitForChart("levels-deltam");
        waitForChart("levels-time");
        assertThat(driver.findElements(By.cssSelector("#pairs-table tbody tr:not(.group)")))
                .hasSize(2);
        // the script heads each setting's pairs as the server does
        assertThat(driver.findElements(By.cssSelector("#pairs-table tr.group th")))
                .extracting(WebElement::getText)
                .isNotEmpty()
                .allMatch(t -> t.startsWith("LeNet-5-style · ") && t.matches(".* · \\d+ pairs?"));
        assertThat(points("levels-deltam")).isEqualTo(4);
        assertThat(painted("levels-deltam")).isGreaterThan(1000);
        assertThat(driver.findElement(By.id("pairs-table")).getText())
                .contains("gains from the feature level")
                .contains("no seed spread on both sides: not conclusive");
        assertThat(messages()).startsWith("Too little data to conclude");
        screenshot("levels");

        // one bar that dwarfs the others (MoCo's −29 at the feature level beside −1 to −6): the
        // value axis ends at 1.4 × the next most extreme bar, as drawn by the page's chart module
        WebElement canvas = driver.findElement(By.id("levels-deltam"));
        ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/static/js/analysis/charts.js').then(m => {"
                                + "  m.bars(arguments[0], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], [{ label: 'Δm',"
                                + "    values: [-1, -1.5, -2, -1.2, -0.8, -2.2, -6, -29], errors: [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 1, 1] }],"
                                + "    'Δm', null, null, { clipOutliers: true });"
                                + "  done(true);"
                                + "});",
                        canvas);
        Number min =
                (Number)
                        js(
                                "const c = Chart.getChart(arguments[0]);"
                                        + "return c.options.indexAxis === 'y' ? c.scales.x.min : c.scales.y.min;",
                                canvas);
        // −7 (−6 − 1) is the most extreme bar left on the axis: the axis ends at 1.4 × −7, rounded
        assertThat(min.doubleValue()).isEqualTo(-10.0);
        ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "import('/static/js/analysis/charts.js').then(m => {"
                                + "  m.bars(arguments[0], ['a', 'b', 'c', 'd'], [{ label: 'Δm',"
                                + "    values: [-1, -1.5, -2, -29], errors: [0.2, 0.2, 0.2, 1] }],"
                                + "    'Δm', null, null, { clipOutliers: true });"
                                + "  done(true);"
                                + "});",
                        canvas);
        min =
                (Number)
                        js(
                                "const c = Chart.getChart(arguments[0]);"
                                        + "return c.options.indexAxis === 'y' ? c.scales.x.min : c.scales.y.min;",
                                canvas);
        // with four bars a quarter is one: the −29 bar is cut, the axis ends at 1.4 × −2.2, rounded
        assertThat(min.doubleValue()).isEqualTo(-4.0);

        choose("control-backbone", "resnet-narrow");
        assertThat(driver.getCurrentUrl()).contains("backbone=resnet-narrow");
        assertThat(driver.findElement(By.cssSelector("#pairs-table tbody")).getText())
                .isEqualTo("No pairs under these filters.");
        assertThat(messages()).startsWith("No data yet");
    }

    @Test
    void shouldCompareAdamWithSgdAndSwitchTheCoefficient() throws Exception {
        open("/analysis/optimizers?benchmark=multifashion&backbone=lenet5&source=claimed");
        waitForChart("optimizers-deltam");
        waitForChart("optimizers-difference");
        assertThat(driver.findElements(By.cssSelector("#pairs-table tbody tr:not(.group)")))
                .hasSize(5);
        assertThat(points("optimizers-difference")).isEqualTo(5);
        assertThat(driver.findElement(By.id("agreement-caption")).getText())
                .contains("Kendall τ-b = 0.60, n = 5");
        screenshot("optimizers");

        choose("control-coefficient", "spearman-rho");
        assertThat(driver.getCurrentUrl()).contains("coefficient=spearman-rho");
        assertThat(driver.findElement(By.id("agreement-caption")).getText()).contains("Spearman ρ");
    }

    /**
     * The optimizer page as a fresh portal opens it: every benchmark at once, so Elich et al.'s
     * published Adam/SGD pairs and their Pareto counts show without choosing a benchmark.
     */
    @Test
    void shouldOpenOnElichsPairsAndParetoCountsOfEveryBenchmark() throws Exception {
        open("/analysis/optimizers");
        waitForChart("optimizers-deltam");
        waitForChart("optimizers-difference");
        List<WebElement> rows =
                driver.findElements(By.cssSelector("#pairs-table tbody tr:not(.group)"));
        List<WebElement> elich = rows.stream().filter(r -> r.getText().contains("Elich")).toList();
        assertThat(elich).hasSizeGreaterThanOrEqualTo(20);
        assertThat(elich)
                .extracting(r -> r.findElements(By.tagName("td")).get(1).getText())
                .containsOnly("Cityscapes (7-class)", "NYUv2");
        assertThat(points("optimizers-difference")).isEqualTo(rows.size());
        assertThat(keyUnder("optimizers-difference"))
                .contains("better with Adam")
                .contains("better with SGD");
        String pareto = driver.findElement(By.id("pareto-table")).getText();
        for (String table : List.of("Table A4", "Table A5", "Table A6", "Table A7")) {
            assertThat(pareto).contains(table);
        }
        // Cityscapes SegNet: recomputed Adam 2 of 8 Pareto optimal (8 against SGD), printed 5 / 24
        assertThat(pareto).contains("Adam 5 / 24, SGD 0 / 0 of 24 runs each");
        assertThat(driver.findElement(By.id("shown")).getText())
                .startsWith("All benchmarks at once")
                .contains("Elich et al. NYUv2 SegNet (7 SGD, 7 signSGD pair(s))");
        assertThat(driver.findElement(By.id("agreement-caption")).getText())
                .contains("within each benchmark")
                .contains("NYUv2 Kendall τ-b = ");
        screenshot("optimizers-all");

        // narrowed to NYUv2 in the flat convention: Elich's pairs with their printed stds and seeds
        choose("control-benchmark", "nyuv2");
        assertThat(driver.getCurrentUrl()).contains("benchmark=nyuv2");
        assertThat(driver.findElement(By.id("scope-name")).getText()).isEqualTo("NYUv2");
        choose("control-convention", "flat");
        WebElement ew =
                driver.findElements(By.cssSelector("#pairs-table tbody tr:not(.group)")).stream()
                        .filter(
                                r ->
                                        r.getText().startsWith("EW")
                                                && r.getText().contains("Table A6"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ew.getText())
                .contains("-12.83 ± 0.65 (printed)")
                .contains("-10.05 ± 2.84 (printed)")
                .contains("within seed spread")
                .endsWith("3 / 3");
        // within the seed spread is neither a gain (green) nor a loss (red)
        assertThat(ew.findElement(By.cssSelector("td.verdict")).getDomAttribute("class"))
                .isEqualTo("verdict within");
        assertThat(messages()).doesNotContain("no pair has");
    }

    @Test
    void shouldDrawDropCurvesAndSwitchTheCorruption() throws Exception {
        open("/analysis/robustness?benchmark=multifashion&backbone=mobilenet-like");
        waitForChart("drop-chart");
        waitForChart("delta-chart");
        assertThat(datasets("drop-chart")).isEqualTo(3);
        assertThat(points("drop-chart")).isEqualTo(9);
        assertThat(painted("drop-chart")).isGreaterThan(1000);
        assertThat(driver.findElement(By.id("delta-table")).getText())
                .contains("-0.0700")
                .contains("-0.0250");
        // the bars' colours are explained under the chart, only those the bars use: the fixture
        // rows have one run each, so no bar is tested against seed noise
        assertThat(keyUnder("delta-chart"))
                .contains("less, one run a side (untested)")
                .doesNotContain("beyond seed noise");
        screenshot("robustness");

        choose("control-corruption", "contrast");
        assertThat(driver.getCurrentUrl()).contains("corruption=contrast");
        assertThat(points("drop-chart")).isEqualTo(3);
        // one setting at a time: the backbone's measured setting is chosen, and another backbone
        // opens on its own setting (the fixture's LeNet rows have no corrupted-split measurements)
        assertThat(
                        new Select(driver.findElement(By.id("control-setting")))
                                .getFirstSelectedOption()
                                .getAttribute("value"))
                .startsWith("mobilenet-like@");
        choose("control-backbone", "lenet5");
        assertThat(driver.getCurrentUrl()).contains("backbone=lenet5").doesNotContain("setting=");
        waitForChart("drop-chart");
        assertThat(
                        new Select(driver.findElement(By.id("control-setting")))
                                .getFirstSelectedOption()
                                .getAttribute("value"))
                .startsWith("lenet5@");
        assertThat(messages()).startsWith("No data yet");

        open("/analysis/robustness?benchmark=nyuv2");
        waitForChart("drop-chart");
        assertThat(messages()).startsWith("No data yet");
    }

    /** Once the script has redrawn, the page still shows labels where its JSON has keys. */
    @Test
    void shouldShowLabelsRatherThanKeysAfterTheScriptRedraws() {
        open("/analysis/robustness?benchmark=nyuv2&corruption=gaussian_blur");
        waitForChart("drop-chart");
        assertThat(
                        new Select(driver.findElement(By.id("control-metric")))
                                .getFirstSelectedOption()
                                .getText())
                .isEqualTo("segmentation mean IoU ↑");
        assertThat(
                        new Select(driver.findElement(By.id("control-corruption")))
                                .getFirstSelectedOption()
                                .getText())
                .isEqualTo("Gaussian blur");
        assertThat(driver.findElement(By.cssSelector(".published-table thead")).getText())
                .contains("segmentation mean IoU");
        String text = driver.findElement(By.tagName("main")).getText();
        assertThat(text)
                .doesNotContain("segmentation.mIoU")
                .doesNotContain("gaussian_blur")
                .doesNotContain("corruption_measurement");

        open("/analysis/feature-disentanglement?benchmark=multifashion");
        waitForChart("fd-curves");
        assertThat(driver.findElement(By.id("measured-source")).getText())
                .contains("test-split FD")
                .doesNotContain("evaluation.test_fd");
    }

    /**
     * With scripts off, every analysis page hides its charts, says that they need JavaScript with
     * a link to the JSON, and shows its main table with the rows the server rendered.
     */
    @Test
    void shouldShowTheTablesAndANoticeInsteadOfEmptyChartsWithoutJavaScript() throws Exception {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        String[][] pages = {
            {"/analysis/levels?benchmark=multifashion&source=claimed", "pairs-table"},
            {"/analysis/ranking-similarity?benchmark=multifashion", "scatter-table"},
            {"/analysis/feature-disentanglement?benchmark=multifashion", "finals-table"},
            {"/analysis/gradients?benchmark=multifashion", "scope-table"},
            {"/analysis/optimizers?benchmark=nyuv2", "pairs-table"},
            {"/analysis/robustness?benchmark=multifashion", "delta-table"},
            {"/analysis/task-grouping", "choices-table"}
        };
        for (String[] p : pages) {
            open(p[0]);
            WebElement notice = driver.findElement(By.id("noscript-notice"));
            assertThat(notice.isDisplayed()).as(p[0]).isTrue();
            assertThat(notice.getText())
                    .as(p[0])
                    .contains("The charts of this page need JavaScript");
            assertThat(driver.findElement(By.id("noscript-api")).getDomAttribute("href"))
                    .as(p[0])
                    .startsWith(p[0].replace("/analysis/", "/api/analysis/").split("\\?")[0]);
            assertThat(driver.findElements(By.cssSelector("canvas")))
                    .as(p[0])
                    .noneMatch(WebElement::isDisplayed);
            WebElement table = driver.findElement(By.id(p[1]));
            assertThat(table.isDisplayed()).as(p[0]).isTrue();
            List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).as(p[0]).isNotEmpty();
            assertThat(rows.get(0).findElements(By.cssSelector("td.muted")))
                    .as(p[0] + ": a row of data, not the empty-table line")
                    .isEmpty();
        }
        open("/analysis/levels?benchmark=multifashion&source=claimed");
        assertThat(driver.findElement(By.id("noscript-api")).getDomAttribute("href"))
                .isEqualTo("/api/analysis/levels?benchmark=multifashion&source=claimed");
        assertThat(driver.findElement(By.id("pairs-table")).getText())
                .contains("gains from the feature level");
        screenshot("levels-without-javascript");
    }

    @Test
    void shouldSolveStandleySettingOneAndAPastedTableForTheChosenBudget() throws Exception {
        open("/analysis/task-grouping");
        waitForChart("budget-curve");
        // five recomputed curves and nine published ones
        assertThat(points("budget-curve")).isGreaterThan(70);
        assertThat(painted("budget-curve")).isGreaterThan(1000);
        assertThat(driver.findElement(By.id("input-title")).getText())
                .contains("Standley et al. 2020, Setting 1");
        assertThat(driver.findElement(By.id("source-line")).getText())
                .contains("protocol")
                .contains("validation");
        assertThat(driver.findElement(By.id("selected-table")).getText()).contains("0.45224");
        assertThat(driver.findElements(By.cssSelector("#choices-table tbody tr"))).hasSize(9);
        assertThat(driver.findElement(By.id("pairwise-table")).getText())
                .contains("-34.64%")
                .contains("Canny edges");
        assertThat(driver.findElement(By.id("comparison-table")).getText()).contains("0.50273");
        screenshot("task-grouping");

        js(
                "const b = document.getElementById('control-budget'); b.value = '3';"
                        + "b.dispatchEvent(new Event('change'));");
        waiting().until(d -> d.findElement(By.id("selected-budget")).getText().equals("3"));
        assertThat(driver.getCurrentUrl()).contains("budget=3");
        assertThat(driver.findElement(By.id("selected-table")).getText()).contains("0.44235");

        WebElement csv = driver.findElement(By.id("control-csv"));
        csv.clear();
        csv.sendKeys(
                "cost,a,b,c\n1,1.0,,\n1,,1.0,\n1,,,1.0\n1,0.8,0.8,\n1,0.9,,0.9\n1,,0.7,0.7\n1,0.85,0.75,0.75\n");
        driver.findElement(By.id("compute")).click();
        waiting().until(d -> d.findElement(By.id("input-title")).getText().equals("Pasted table"));
        assertThat(driver.getCurrentUrl()).contains("#csv=");
        assertThat(driver.findElements(By.cssSelector("#networks-table tbody tr"))).hasSize(7);
        assertThat(driver.findElement(By.id("selected-table")).getText()).contains("2.20000");
        assertThat(driver.findElement(By.id("source-line")).getText()).startsWith("Your table");

        csv.clear();
        csv.sendKeys("cost,a,b\n1,x,0.5\n");
        driver.findElement(By.id("compute")).click();
        waiting()
                .until(
                        d ->
                                d.findElement(By.id("messages"))
                                        .getText()
                                        .contains("could not be analysed"));
        assertThat(messages()).contains("line 2, column a");
    }
}
