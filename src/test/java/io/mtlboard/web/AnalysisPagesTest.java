package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.mtlboard.analysis.AnalysisFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analysis pages as HTML, without a browser: controls in the URL's state, explanations, errors. */
@QuarkusTest
class AnalysisPagesTest {

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    @Test
    void shouldLinkTheAnalysisFromTheLayoutAndListEveryPage() {
        given().when().get("/").then().statusCode(200).body(containsString("href=\"/analysis\""));
        given().when()
                .get("/analysis")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/analysis/ranking-similarity?benchmark=multifashion"))
                .body(containsString("/analysis/task-grouping"))
                .body(containsString("now <code>multifashion</code>"));
    }

    @Test
    void shouldRenderEachPageWithItsExplanationAndTheStateOfTheUrl() {
        given().when()
                .get(
                        "/analysis/ranking-similarity?benchmark=multifashion&coefficient=spearman-rho&optimizer=adam")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"spearman-rho\" selected>"))
                .body(containsString("<option value=\"adam\" selected>"))
                .body(containsString("<option value=\"lenet5\" selected>"))
                .body(containsString("arxiv.org/abs/2402.03557"))
                .body(containsString("/static/js/analysis-ranking.js"));
        given().when()
                .get(
                        "/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5&method=ew")
                .then()
                .statusCode(200)
                .body(containsString("FD&nbsp;=&nbsp;1&nbsp;−&nbsp;mean"))
                .body(containsString("value=\"ew\" checked"))
                .body(not(containsString("value=\"uw\" checked")));
        given().when()
                .get("/analysis/gradients?benchmark=multifashion&level=feature")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"feature\" selected>"))
                .body(containsString("arxiv.org/abs/2311.04698"))
                .body(containsString("Plotted: <span id=\"granularity-name\">batch</span>"));
        given().when()
                .get("/analysis/gradients?benchmark=multifashion&granularity=per-sample")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"per-sample\" selected>"))
                .body(containsString("two tasks&#39; gradients on one and the same sample"));
        given().when()
                .get("/analysis/levels?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body(containsString("only MGDA and Aligned-MTL"));
        // a method can be paired once per protocol: each setting's pairs (backbone × protocol)
        // follow a heading row that names it
        given().when()
                .get("/analysis/levels?benchmark=multifashion&source=claimed")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "<tr class=\"group\"><th colspan=\"20\" scope=\"colgroup\">LeNet-5-style · "));
        given().when()
                .get("/analysis/optimizers?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body(containsString("Adam vs SGD"));
        given().when()
                .get("/analysis/robustness?benchmark=multifashion&corruption=contrast")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"contrast\" selected>"))
                .body(not(containsString("control-convention")))
                .body(containsString("Measured by MTLBoard"));
        given().when()
                .get("/analysis/robustness?benchmark=nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("Table A9"))
                .body(containsString("Table A11"))
                .body(containsString("heads are fine-tuned on corrupted training data"))
                .body(containsString("-0.1947"));
        given().when()
                .get("/analysis/task-grouping?budget=3")
                .then()
                .statusCode(200)
                .body(containsString("Standley et al. 2020, Setting 1 (Taskonomy)"))
                .body(containsString("https://arxiv.org/abs/1905.07553"))
                .body(
                        containsString(
                                "networks chosen on validation losses and scored on test losses"))
                .body(containsString("value=\"3.0\""))
                .body(containsString("cost,semseg,depth,normals,keypoints,edges"));
    }

    /** Every analysis page says in one line where its numbers come from and links the paper behind it. */
    @Test
    void shouldStateTheSourceAndProtocolOfEveryPageInOneLineWithThePaper() {
        Map<String, String> pages =
                Map.of(
                        "/analysis/ranking-similarity?benchmark=multifashion",
                                "arxiv.org/abs/2402.03557",
                        "/analysis/feature-disentanglement?benchmark=multifashion",
                                "arxiv.org/abs/2402.03557",
                        "/analysis/levels?benchmark=multifashion", "arxiv.org/abs/2402.03557",
                        "/analysis/gradients?benchmark=multifashion", "arxiv.org/abs/2311.04698",
                        "/analysis/optimizers?benchmark=nyuv2", "arxiv.org/abs/2311.04698",
                        "/analysis/robustness?benchmark=cityscapes", "arxiv.org/abs/2311.04698",
                        "/analysis/task-grouping", "arxiv.org/abs/1905.07553");
        pages.forEach(
                (page, paper) ->
                        given().when()
                                .get(page)
                                .then()
                                .statusCode(200)
                                .body(containsString("class=\"source-line\""))
                                .body(containsString(paper)));
        given().when()
                .get("/analysis/optimizers?benchmark=nyuv2")
                .then()
                .body(containsString("7 SGD and 7 signSGD pair(s) published: Elich"));
    }

    /**
     * Without JavaScript an analysis page shows no empty charts silently: a notice in {@code
     * <noscript>} says the charts need it and links the JSON endpoint the page reads, with the
     * page's own choices.
     */
    @Test
    void shouldTellReadersWithoutJavaScriptWhereTheDataIs() {
        Map<String, String> pages =
                Map.of(
                        "/analysis/ranking-similarity?benchmark=multifashion&coefficient=spearman-rho",
                        "/api/analysis/ranking-similarity?benchmark=multifashion&amp;coefficient=spearman-rho",
                        "/analysis/feature-disentanglement?benchmark=multifashion",
                        "/api/analysis/feature-disentanglement?benchmark=multifashion",
                        "/analysis/gradients?level=feature",
                        "/api/analysis/gradients?benchmark=multifashion&amp;level=feature",
                        "/analysis/levels?benchmark=multifashion&backbone=lenet5",
                        "/api/analysis/levels?benchmark=multifashion&amp;backbone=lenet5",
                        "/analysis/optimizers?benchmark=nyuv2",
                        "/api/analysis/optimizers?benchmark=nyuv2",
                        "/analysis/robustness?benchmark=nyuv2&corruption=contrast",
                        "/api/analysis/robustness?benchmark=nyuv2&amp;corruption=contrast",
                        "/analysis/task-grouping?budget=3",
                        "/api/analysis/task-grouping?budget=3");
        pages.forEach(
                (page, api) -> {
                    String html =
                            given().when().get(page).then().statusCode(200).extract().asString();
                    int start = html.indexOf("<noscript><p class=\"note\" id=\"noscript-notice\">");
                    assertThat(start).as(page).isPositive();
                    String notice = html.substring(start, html.indexOf("</noscript>", start));
                    assertThat(notice)
                            .as(page)
                            .contains("The charts of this page need JavaScript")
                            .contains("its tables below are complete without it")
                            .contains("<a href=\"" + api + "\" id=\"noscript-api\">");
                    // the charts and the tables the script fills are hidden without it
                    assertThat(html)
                            .as(page)
                            .containsPattern(
                                    "<section class=\"charts needs-js\">|<div class=\"chart-box needs-js\">")
                            .contains(
                                    "<noscript><link rel=\"stylesheet\" href=\"/static/css/noscript.css?v=");
                    given().when()
                            .get(api.replace("&amp;", "&"))
                            .then()
                            .statusCode(200)
                            .contentType(containsString("application/json"));
                });
        given().when()
                .get("/static/css/noscript.css")
                .then()
                .statusCode(200)
                .body(containsString(".needs-js"));
    }

    private static io.restassured.path.json.JsonPath json(String pathAndQuery) {
        return given().when().get(pathAndQuery).then().statusCode(200).extract().jsonPath();
    }

    private static final java.util.regex.Pattern BOX =
            java.util.regex.Pattern.compile("<(/?)(div|section)\\b([^>]*)>");

    /** The attributes of the div and section elements still open at the end of an HTML prefix. */
    private static List<String> openBoxes(String prefix) {
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        java.util.regex.Matcher m = BOX.matcher(prefix);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group(3));
            } else {
                open.pop();
            }
        }
        return List.copyOf(open);
    }

    /** The data rows of a table of a page: its body's rows without the muted "nothing to show" row. */
    private static List<String> tableRows(String html, String tableId) {
        int table = html.indexOf("id=\"" + tableId + "\"");
        assertThat(table).as(tableId).isPositive();
        int body = html.indexOf("<tbody>", table);
        String rows = html.substring(body, html.indexOf("</tbody>", body));
        List<String> out = new ArrayList<>();
        for (String tr : rows.split("<tr")) {
            // a setting's heading row (tr.group) is no entry of the JSON
            if (tr.contains("</tr>")
                    && !tr.contains("class=\"muted\"")
                    && !tr.startsWith(" class=\"group\"")) {
                out.add(tr);
            }
        }
        return out;
    }

    /**
     * Every analysis page renders its main table on the server, one row per entry of the JSON the
     * script would redraw it from, outside what the noscript style sheet hides, and says that the
     * charts need JavaScript.
     */
    @Test
    void shouldRenderTheMainTableOfEveryAnalysisPageOnTheServer() {
        // page, its JSON, then table id → the JSON list its rows stand for
        String[][] pages = {
            {
                "/analysis/ranking-similarity?benchmark=multifashion",
                "scatter-table",
                "scatter.points"
            },
            {"/analysis/feature-disentanglement?benchmark=multifashion", "finals-table", "finals"},
            {
                "/analysis/feature-disentanglement?benchmark=multifashion",
                "measured-table",
                "measured.rows"
            },
            {"/analysis/gradients?benchmark=multifashion", "scope-table", "comparison.rows"},
            {"/analysis/ranking-similarity?benchmark=multifashion", "readings-table", "readings"},
            {"/analysis/levels?benchmark=multifashion&source=claimed", "pairs-table", "pairs"},
            {"/analysis/optimizers?benchmark=nyuv2", "pairs-table", "pairs"},
            {"/analysis/optimizers?benchmark=nyuv2", "sign-pairs-table", "signSgdPairs"},
            {"/analysis/optimizers?benchmark=nyuv2", "pareto-table", "pareto"},
            {"/analysis/robustness?benchmark=multifashion", "delta-table", "deltas"},
            {"/analysis/task-grouping", "choices-table", "curve"}
        };
        java.util.Set<String> withRows = new java.util.TreeSet<>();
        for (String[] p : pages) {
            String html = given().when().get(p[0]).then().statusCode(200).extract().asString();
            List<?> entries = json(p[0].replace("/analysis/", "/api/analysis/")).getList(p[2]);
            List<String> rows = tableRows(html, p[1]);
            assertThat(rows).as(p[0] + " #" + p[1]).hasSize(entries.size());
            if (!rows.isEmpty()) {
                withRows.add(
                        p[0].substring(
                                0, p[0].indexOf('?') < 0 ? p[0].length() : p[0].indexOf('?')));
            }
            // the table is in no box the noscript style sheet hides
            assertThat(openBoxes(html.substring(0, html.indexOf("id=\"" + p[1] + "\""))))
                    .as(p[0] + " #" + p[1])
                    .noneMatch(attributes -> attributes.contains("needs-js"));
            assertThat(html).as(p[0]).contains("The charts of this page need JavaScript");
        }
        // every page has a main table with rows of data
        assertThat(withRows)
                .containsExactlyInAnyOrder(
                        "/analysis/ranking-similarity",
                        "/analysis/feature-disentanglement",
                        "/analysis/gradients",
                        "/analysis/levels",
                        "/analysis/optimizers",
                        "/analysis/robustness",
                        "/analysis/task-grouping");
        // a value of the JSON is in the HTML, formatted as the script would write it
        String levels =
                given().when()
                        .get("/analysis/levels?benchmark=multifashion&source=claimed")
                        .then()
                        .extract()
                        .asString();
        String first =
                json("/api/analysis/levels?benchmark=multifashion&source=claimed")
                        .getString("pairs[0].methodName");
        assertThat(tableRows(levels, "pairs-table").get(0)).contains("<td>" + first + "</td>");
        // and the seeds behind each side
        io.restassured.path.json.JsonPath pairs =
                json("/api/analysis/levels?benchmark=multifashion&source=claimed");
        assertThat(tableRows(levels, "pairs-table").get(0))
                .contains(
                        ">"
                                + pairs.getInt("pairs[0].first.seeds")
                                + " / "
                                + pairs.getInt("pairs[0].second.seeds")
                                + "</td>");
        // pairs without a step-cost table (these claimed rows) compare logged wall times, marked
        assertThat(pairs.getList("pairs.timeBasis")).contains("logged").doesNotContain("step-cost");
        assertThat(levels).contains("× logged</td>");
        String grouping = given().when().get("/analysis/task-grouping").then().extract().asString();
        assertThat(tableRows(grouping, "selected-table")).hasSize(5);
        assertThat(String.join("", tableRows(grouping, "selected-table"))).contains("0.45224");
        assertThat(String.join("", tableRows(grouping, "comparison-table"))).contains("0.50273");
    }

    /** The benchmark menu of an analysis page lists the benchmarks with data for it first; the others are marked. */
    @Test
    void shouldListTheBenchmarksWithDataForTheAnalysisFirstInItsMenu() {
        for (String analysis :
                new String[] {
                    "ranking-similarity",
                    "feature-disentanglement",
                    "gradients",
                    "levels",
                    "optimizers",
                    "robustness"
                }) {
            String html =
                    given().when()
                            .get("/analysis/" + analysis + "?benchmark=multifashion")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
            int group = html.indexOf("<optgroup label=\"No data for this analysis yet\"");
            assertThat(group).as(analysis).isPositive();
            String withData = html.substring(html.indexOf("id=\"control-benchmark\""), group);
            String without = html.substring(group, html.indexOf("</optgroup>", group));
            assertThat(withData)
                    .as(analysis)
                    .contains("<option value=\"multifashion\" selected>MultiFashion</option>")
                    .doesNotContain("value=\"celeba\"");
            assertThat(without)
                    .as(analysis)
                    .contains("<option value=\"celeba\">CelebA (40 attributes) (no data)</option>")
                    .doesNotContain("value=\"multifashion\"");
        }
        // published tables count as data for the robustness page, literature Adam/SGD pairs for the
        // optimizer page
        String robustness =
                given().when()
                        .get("/analysis/robustness?benchmark=nyuv2")
                        .then()
                        .extract()
                        .asString();
        assertThat(robustness.substring(0, robustness.indexOf("<optgroup")))
                .contains("<option value=\"nyuv2\" selected>NYUv2</option>")
                .contains("value=\"cityscapes\"");
        String optimizers =
                given().when()
                        .get("/analysis/optimizers?benchmark=nyuv2")
                        .then()
                        .extract()
                        .asString();
        assertThat(optimizers.substring(0, optimizers.indexOf("<optgroup")))
                .contains("<option value=\"nyuv2\" selected>NYUv2</option>");
        // a benchmark without data can still be chosen, and says so
        given().when()
                .get("/analysis/gradients?benchmark=celeba")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "<option value=\"celeba\" selected>CelebA (40 attributes) (no data)</option>"));
    }

    /** Pages show labels where the JSON has keys: metrics, corruptions, strategies. */
    @Test
    void shouldLabelMetricsAndCorruptionsInsteadOfShowingTheirKeys() {
        String html =
                given().when()
                        .get("/analysis/robustness?benchmark=nyuv2&corruption=gaussian_noise")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains(">segmentation mean IoU ↑</option>")
                .contains("<option value=\"gaussian_noise\" selected>Gaussian noise</option>")
                .contains("<th class=\"num\">segmentation mean IoU</th>")
                .doesNotContain(">segmentation.mIoU")
                .doesNotContain(">gaussian_noise<")
                .doesNotContain("corruption_measurement");
        given().when()
                .get("/api/analysis/robustness?benchmark=nyuv2")
                .then()
                .statusCode(200)
                .body("metric.key", equalTo("segmentation.mIoU"))
                .body("metric.label", equalTo("segmentation mean IoU"))
                .body("corruptions[0]", equalTo("gaussian_noise"))
                .body("corruptionLabels.gaussian_noise", equalTo("Gaussian noise"))
                .body("published[0].metrics[0]", equalTo("segmentation.mIoU"));
        given().when()
                .get("/api/analysis/feature-disentanglement?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body("measured.source", containsString("the test-split FD"))
                .body("measured.source", not(containsString("evaluation.test_fd")));
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString(">segmentation mIoU</th>"))
                .body(not(containsString("<th class=\"num\">segmentation.mIoU</th>")));
    }

    @Test
    void shouldOpenOnTheBenchmarkWithTheMostLoggedRuns() {
        given().when()
                .get("/analysis/gradients")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"multifashion\" selected>"));
    }

    /**
     * The optimizer page opens on every benchmark at once, where Elich et al.'s four published
     * settings are, and says which benchmarks and settings it shows; the menu narrows it to one.
     */
    @Test
    void shouldOpenTheOptimizerPageOnEveryBenchmarkAndSayWhichSettingsItShows() {
        String html =
                given().when()
                        .get("/analysis/optimizers")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains("<title>Adam vs SGD · all benchmarks")
                .contains("<small id=\"scope-name\">all benchmarks</small>")
                .contains("<option value=\"\" selected>all benchmarks</option>")
                .doesNotContain("<option value=\"multifashion\" selected>")
                .contains("<a id=\"permalink\" href=\"/analysis/optimizers\">")
                .contains("<a href=\"/api/analysis/optimizers\" id=\"noscript-api\">")
                .contains("id=\"pareto-table\"");
        String shown =
                html.substring(
                        html.indexOf("id=\"shown\">"),
                        html.indexOf("</p>", html.indexOf("id=\"shown\">")));
        assertThat(shown)
                .contains("All benchmarks at once")
                .contains("Elich et al. Cityscapes SegNet (7 SGD, 7 signSGD pair(s))")
                .contains("Elich et al. NYUv2 DeepLabV3+ (7 SGD, 7 signSGD pair(s))");
        // the rule of the verdicts, stated on the page
        assertThat(html).contains("the std its publication printed, marked \"printed\"");
        // the loss-scale study of the benchmark that has one
        assertThat(html)
                .contains("id=\"loss-scale-table\"")
                .contains("the study on\n  <code>multifashion</code>");
        given().when()
                .get("/analysis")
                .then()
                .body(containsString("<a href=\"/analysis/optimizers\">Adam vs SGD</a>"));
        // one benchmark: selected, and said
        String nyu =
                given().when()
                        .get("/analysis/optimizers?benchmark=nyuv2")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(nyu)
                .contains("<option value=\"\">all benchmarks</option>")
                .contains("<option value=\"nyuv2\" selected>NYUv2</option>")
                .contains("NYUv2 only: ")
                .doesNotContain("Elich et al. Cityscapes SegNet (7 SGD");
    }

    @Test
    void shouldAnswerInvalidParametersWithAnHtmlErrorListingTheAllowedValues() {
        given().when()
                .get("/analysis/ranking-similarity?benchmark=multifashion&coefficient=pearson")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("kendall-tau-b, spearman-rho, top-k-overlap"))
                .body(not(containsString("Exception")));
        given().when()
                .get("/analysis/robustness?benchmark=atlantis")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("allowed values"));
        given().when()
                .get("/analysis/task-grouping?budget=-1")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"));
    }
}
