package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.mtlboard.analysis.AnalysisFixtures;
import io.mtlboard.training.ReferenceProtocol;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagesTest {

    @Test
    void shouldRenderHomeWithBenchmarksAndMethods() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("href=\"/leaderboards/nyuv2\""))
                .body(containsString("Semantic segmentation (13 classes)"))
                .body(containsString("href=\"/methods/nash-mtl\""));
    }

    @Test
    void shouldRenderLeaderboardTableWithoutJavaScript() {
        given().when()
                .get("/leaderboards/nyuv2?backbone=deeplabv3plus-resnet50&optimizer=adam")
                .then()
                .statusCode(200)
                .body(containsString("Δm convention shown: per-task"))
                .body(containsString("<td class=\"num delta\">+1.14"))
                .body(containsString("class=\"badge literature\""))
                // one section per setting, the richest first, each with its protocol and baseline
                .body(containsString("<h2>DeepLabV3+ ResNet-50 (HPS) · DB-MTL protocol"))
                .body(containsString("<h2>DeepLabV3+ ResNet-50 (HPS) · LibMTL repository results"))
                .body(containsString("Baseline (Δm = 0): the single-task row"))
                .body(containsString("data-role=\"cross-protocol\""))
                .body(containsString("option value=\"deeplabv3plus-resnet50\" selected"))
                .body(
                        containsString(
                                "/api/leaderboards/nyuv2?backbone=deeplabv3plus-resnet50&amp;optimizer=adam&amp;format=csv"))
                .body(containsString("/webjars/chart.js/dist/chart.umd.js"));
    }

    @Test
    void shouldShowTheSettingOfEveryClaimedRow() {
        // claimed runs (no model) of several MultiFashion backbones, e.g. FAMO on LeNet-5
        AnalysisFixtures.load();
        JsonPath v =
                given().when()
                        .get("/api/leaderboards/multifashion?source=claimed&size=500")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        // (a claimed single-task row is its setting's baseline, shown with the evidence)
        List<Map<String, Object>> claimed =
                v.<Map<String, Object>>getList("rows").stream()
                        .filter(r -> "claimed".equals(r.get("role")))
                        .toList();
        Map<String, String> labels = new HashMap<>();
        claimed.forEach(
                r -> {
                    Map<?, ?> setting = (Map<?, ?>) r.get("setting");
                    labels.put((String) setting.get("id"), (String) setting.get("label"));
                });
        assertThat(labels).hasSizeGreaterThanOrEqualTo(2);
        String html =
                given().when()
                        .get("/leaderboards/multifashion?size=500")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        String section = html.substring(html.indexOf("<section class=\"setting claimed\""));
        section = section.substring(0, section.indexOf("</section>"));
        // one sub-heading per setting, naming it (backbone · protocol), over a table of its rows
        Matcher heading =
                Pattern.compile(
                                "<h3 class=\"claimed-setting\" id=\"claimed-\\d+\" data-setting=\"([^\"]+)\">([^<]+)<small>")
                        .matcher(section);
        int rows = 0;
        List<String> seen = new ArrayList<>();
        while (heading.find()) {
            String id = heading.group(1);
            seen.add(id);
            assertThat(heading.group(2).strip().replace("&amp;", "&")).isEqualTo(labels.get(id));
            int end = section.indexOf("</table>", heading.end());
            Matcher row =
                    Pattern.compile(
                                    "<tr data-method=\"[^\"]+\" data-backbone=\"[^\"]+\" data-setting=\"([^\"]+)\" data-role=\"([^\"]+)\"")
                            .matcher(section.substring(heading.end(), end));
            while (row.find()) {
                assertThat(row.group(1)).isEqualTo(id);
                assertThat(row.group(2)).isEqualTo("claimed");
                rows++;
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(labels.keySet());
        assertThat(rows).isEqualTo(claimed.size());
    }

    @Test
    void shouldDocumentTheSettingsAndProtocolsOnTheBenchmarkPage() {
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("Settings and protocols"))
                .body(
                        containsString(
                                "href=\"/leaderboards/nyuv2?setting=deeplabv3plus-resnet50@dbmtl-2023\""))
                .body(containsString("Baseline: single-task row of the CAGrad protocol"));
        given().when()
                .get("/methods/stl")
                .then()
                .statusCode(200)
                .body(containsString("Single-task learning is the baseline, not a method."));
    }

    @Test
    void shouldRenderTheMethodologyFromTheRepositoryDocsWithSectionAnchors() {
        given().when()
                .get("/docs")
                .then()
                .statusCode(200)
                .contentType("text/html")
                .body(containsString("href=\"/docs/metrics\""))
                .body(containsString("href=\"/docs/leaderboard\""))
                .body(containsString("href=\"/docs/methods\""))
                .body(containsString("href=\"/docs/design\""));
        given().when()
                .get("/docs/design")
                .then()
                .statusCode(200)
                .body(containsString("<h2 id=\"s2\">2. Domain model</h2>"));
        given().when()
                .get("/docs/metrics")
                .then()
                .statusCode(200)
                .body(
                        containsString(
                                "<h2 id=\"s2\">2. Δm — relative gain over single-task learning</h2>"))
                .body(containsString("<h2 id=\"s4\">4. Feature disentanglement (FD)</h2>"))
                .body(containsString("<table>"));
        given().when()
                .get("/docs/leaderboard")
                .then()
                .statusCode(200)
                .body(containsString("<h2 id=\"s1\">1. Settings and protocols</h2>"));
        given().when()
                .get("/docs/nothing")
                .then()
                .statusCode(404)
                .body(containsString("No methodology page"));
        // the leaderboard links the definitions it uses
        given().when()
                .get("/leaderboards/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/docs/metrics#s2\""))
                .body(containsString("href=\"/docs/leaderboard\""));
    }

    @Test
    void shouldKeepFiltersInSortLinks() {
        given().when()
                .get("/leaderboards/nyuv2?backbone=segnet-mtan")
                .then()
                .statusCode(200)
                .body(containsString("href=\"?backbone=segnet-mtan&amp;sort=segmentation.mIoU\""))
                .body(containsString("href=\"?backbone=segnet-mtan&amp;order=desc\""));
    }

    @Test
    void shouldKeepEveryParameterIncludingTheSizeInSortPageAndFilterLinks() {
        given().when()
                .get(
                        "/leaderboards/nyuv2?backbone=segnet-mtan&sort=method&order=desc&size=5&page=2")
                .then()
                .statusCode(200)
                // sorting by another key starts on page 1 of the same size
                .body(containsString("href=\"?backbone=segnet-mtan&amp;sort=seeds&amp;size=5\""))
                // the current key flips its order
                .body(containsString("href=\"?backbone=segnet-mtan&amp;sort=method&amp;size=5\""))
                .body(
                        containsString(
                                "href=\"?backbone=segnet-mtan&amp;sort=method&amp;order=desc&amp;size=5\">← previous"))
                .body(
                        containsString(
                                "href=\"?backbone=segnet-mtan&amp;sort=method&amp;order=desc&amp;page=3&amp;size=5\">next →"))
                // the filter form keeps sort, order and size (a new filter starts on page 1)
                .body(containsString("<input type=\"hidden\" name=\"sort\" value=\"method\">"))
                .body(containsString("<input type=\"hidden\" name=\"order\" value=\"desc\">"))
                .body(containsString("<input type=\"hidden\" name=\"size\" value=\"5\">"))
                .body(
                        containsString(
                                "/api/leaderboards/nyuv2?backbone=segnet-mtan&amp;sort=method&amp;order=desc&amp;page=2&amp;size=5&amp;format=csv"));
        // page 1 of the default view is the bare page, not an empty href (which stays on page 2)
        given().when()
                .get("/leaderboards/nyuv2?page=2")
                .then()
                .statusCode(200)
                .body(containsString("<a href=\"/leaderboards/nyuv2\">← previous</a>"));
        // the default size stays out of the links
        given().when()
                .get("/leaderboards/nyuv2?size=50")
                .then()
                .statusCode(200)
                .body(containsString("href=\"?sort=method\""))
                .body(not(containsString("size=")));
    }

    @Test
    void shouldSearchTheWholeBoardOnTheServerAndKeepTheOtherParameters() {
        int total =
                given().get("/api/leaderboards/nyuv2?q=elich&sort=method&size=5")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("total");
        assertThat(total).isGreaterThan(5);
        String html =
                given().when()
                        .get("/leaderboards/nyuv2?q=elich&sort=method&size=5")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                // the box is part of the filter form, filled with the search
                .contains("<input type=\"search\" name=\"q\" id=\"board-search\" value=\"elich\"")
                .contains("<strong>" + total + " rows match “elich”</strong>")
                // clearing keeps sort and size and starts on page 1
                .contains("<a href=\"?sort=method&amp;size=5\" id=\"clear-search\">")
                // sort and page links keep the search
                .contains("href=\"?q=elich&amp;sort=seeds&amp;size=5\"")
                .contains("href=\"?q=elich&amp;sort=method&amp;page=2&amp;size=5\">next →")
                .contains("<input type=\"hidden\" name=\"sort\" value=\"method\">")
                .contains("<input type=\"hidden\" name=\"size\" value=\"5\">");
        // rows of another method are not listed
        assertThat(html).doesNotContain("data-method=\"ew\"");
        assertThat(
                        given().when()
                                .get("/leaderboards/nyuv2?q=nothing-matches-this")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .contains("<strong>0 rows match “nothing-matches-this”</strong>")
                .contains("No rows match these filters.");
        given().accept("text/html")
                .when()
                .get("/leaderboards/nyuv2?q=" + "x".repeat(101))
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("at most 100"));
    }

    @Test
    void shouldListBenchmarksWithResultsFirstAndSayPlainlyWhenOneHasNone() {
        String home = given().when().get("/").then().statusCode(200).extract().asString();
        int lastWithRows =
                Math.max(
                        home.indexOf("data-benchmark=\"nyuv2\""),
                        home.indexOf("data-benchmark=\"cityscapes\""));
        // no test submits a CelebA run
        int firstWithout = home.indexOf("<tr class=\"no-results\" data-benchmark=\"celeba\"");
        assertThat(lastWithRows).isPositive();
        assertThat(firstWithout).isGreaterThan(lastWithRows);
        assertThat(home.substring(firstWithout, home.indexOf("</table>", firstWithout)))
                .doesNotContain("<tr data-benchmark=");
        assertThat(home).contains("no results yet");

        given().when()
                .get("/leaderboards/celeba")
                .then()
                .statusCode(200)
                .body(containsString("id=\"no-results\""))
                .body(containsString("No results yet."))
                // no empty tables, charts or chart scripts
                .body(not(containsString("<canvas")))
                .body(not(containsString("<table")))
                .body(not(containsString("js/leaderboard.js")))
                .body(not(containsString("js/pareto.js")));
        given().when()
                .get("/benchmarks/celeba")
                .then()
                .statusCode(200)
                .body(containsString("id=\"no-results\""))
                .body(containsString("No results yet."))
                .body(containsString("Leaderboard (empty)"));
        // a benchmark with rows says nothing of the kind, and filters that match nothing draw no
        // chart
        given().when()
                .get("/leaderboards/nyuv2?backbone=lenet5")
                .then()
                .statusCode(200)
                .body(not(containsString("id=\"no-results\"")))
                .body(containsString("No rows match these filters."))
                .body(not(containsString("<canvas")))
                .body(not(containsString("js/pareto.js")));
    }

    @Test
    void shouldServeAFaviconLinkedFromEveryPage() {
        byte[] icon =
                given().when()
                        .get("/favicon.ico")
                        .then()
                        .statusCode(200)
                        .contentType(containsString("image/"))
                        .extract()
                        .asByteArray();
        // an ICO directory: reserved 0, type 1 (icon), at least one image
        assertThat(icon).hasSizeGreaterThan(22);
        assertThat(new byte[] {icon[0], icon[1], icon[2], icon[3]}).containsExactly(0, 0, 1, 0);
        for (String page :
                new String[] {
                    "/", "/leaderboards/nyuv2", "/benchmarks/celeba", "/analysis", "/docs"
                }) {
            String html = given().when().get(page).then().statusCode(200).extract().asString();
            Matcher link =
                    Pattern.compile(
                                    "<link rel=\"icon\" href=\"([^\"]+)\" type=\"image/svg\\+xml\">")
                            .matcher(html);
            assertThat(link.find()).as(page).isTrue();
            given().when()
                    .get(link.group(1))
                    .then()
                    .statusCode(200)
                    .contentType(containsString("image/svg+xml"))
                    .body(containsString("<svg"));
        }
    }

    @Test
    void shouldRenderBenchmarkMethodAndRunPages() {
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("↓ lower is better"))
                .body(containsString("Single-task baselines"))
                .body(containsString("53.50"))
                .body(containsString("<th>Setting (backbone · protocol)</th>"));
        given().when()
                .get("/methods/mgda")
                .then()
                .statusCode(200)
                .body(containsString("MGDA-UB"))
                .body(containsString("Office-Home"));
        long id =
                given().when()
                        .get("/api/leaderboards/office-home?method=ew")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("rows[0].runIds[0]");
        given().when()
                .get("/runs/" + id)
                .then()
                .statusCode(200)
                .body(containsString("Not re-evaluated by MTLBoard"))
                .body(containsString("65.34"));
    }

    /** How many bundles of the benchmark's reference folder carry the protocol hash. */
    /** The HTML of the table with id {@code id} on {@code page}. */
    private static String table(String page, String id) {
        int start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("table %s", id).isNotNegative();
        return page.substring(start, page.indexOf("</table>", start));
    }

    private static long bundlesOf(String benchmark, String hash) throws java.io.IOException {
        try (var files =
                java.nio.file.Files.list(Path.of("benchmarks-data/reference", benchmark))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .filter(
                            f -> {
                                try {
                                    return java.nio.file.Files.readString(f).contains(hash);
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            })
                    .count();
        }
    }

    @Test
    void shouldShowTheDocumentedReferenceProtocolOnTheBenchmarkPage() throws Exception {
        String hash =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2")
                        .hash();
        given().when()
                .get("/benchmarks/multifashion")
                .then()
                .statusCode(200)
                .body(containsString("Reference protocol"))
                .body(containsString("mf-lenet5-v2"))
                .body(containsString("best-validation"))
                .body(containsString(hash));
        // the bundles' evidence: every bundle of the protocol is a row of the convergence table,
        // and the sweep's candidates are listed with the chosen rate
        long bundles = bundlesOf("multifashion", hash);
        String page = given().get("/benchmarks/multifashion").asString();
        assertThat(bundles).isPositive();
        assertThat(page)
                .contains("Convergence in the bundles")
                .containsPattern("<strong>\\d+ of " + bundles + "</strong> reference runs meet")
                .contains("id=\"convergence-mf-lenet5-v2\"")
                .contains("id=\"sweep-mf-lenet5-v2\"")
                .contains(
                        "<a href=\"/api/benchmarks/multifashion/protocols\" id=\"protocols-json\">JSON</a>")
                .contains("<strong>chosen</strong>")
                // the coverage table: the single-task row has the seeds 0, 1, 2 at least
                .contains("id=\"coverage-mf-lenet5-v2\"")
                .containsPattern("<tr><td>stl</td><td class=\"num[ a-z]*\">0 1 2")
                .containsPattern(
                        "<strong>\\d+</strong> methods? (is|are) paired at both gradient levels");
        assertThat(page.split("<tr><td>", -1).length - 1).isGreaterThanOrEqualTo((int) bundles);
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("No documented reference protocol"));
        // a protocol with lr-sweep runs but no reference run yet says so instead of empty tables
        String fsHash =
                ReferenceProtocol.read(
                                Path.of("benchmarks-data"),
                                "fashionscenes",
                                "fs-encoder-decoder-v2")
                        .hash();
        boolean fsRuns = bundlesOf("fashionscenes", fsHash) > 0;
        String fs = given().get("/benchmarks/fashionscenes").asString();
        assertThat(fs).contains("id=\"sweep-fs-encoder-decoder-v2\"");
        // a method with one rate run so far has no score (nothing to compare it with); a complete
        // sweep's candidates all have one
        String oneRate = "one alone has nothing to be compared with";
        Map<String, Long> ratesRun = new java.util.TreeMap<>();
        try (var files =
                java.nio.file.Files.list(
                        Path.of("benchmarks-data/reference/fashionscenes/lr-sweep"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                if (java.nio.file.Files.readString(f).contains(fsHash)) {
                    ratesRun.merge(f.getFileName().toString().split("_")[1], 1L, Long::sum);
                }
            }
        }
        assertThat(table(fs, "sweep-fs-encoder-decoder-v2").contains(oneRate))
                .as("rates run per method: %s", ratesRun)
                .isEqualTo(ratesRun.containsValue(1L));
        // the complete LeNet-5 sweeps that chose an edge of their grid are named: Adam's highest
        // rate for single-task and EW, SGD's lowest for EW
        assertThat(given().get("/benchmarks/multifashion").asString())
                .contains("id=\"sweep-edge-mf-lenet5-v2\"><strong>3 of 6</strong> complete")
                .contains(
                        "adam ew: 0.003, the highest; adam stl: 0.003, the highest; sgd ew: 0.01, the lowest")
                .contains("(the grid's highest)")
                // and those whose margin over the next rate is within the seed noise of the
                // chosen rate's protocol runs: Adam EW and MoCo, SGD EW
                .contains("id=\"sweep-noise-mf-lenet5-v2\">Of the 6 complete sweeps")
                .contains(
                        "<strong>3</strong> chose by a margin within\n  seed noise (adam ew, adam moco, sgd ew)")
                .containsPattern(
                        "margin 0\\.\\d{4}, beyond seed noise \\(seed std 0\\.\\d{4}, 5 runs\\)");
        assertThat(table(given().get("/benchmarks/multifashion").asString(), "sweep-mf-lenet5-v2"))
                .doesNotContain(oneRate)
                .containsPattern("<td class=\"num\">-?\\d\\.\\d{4}</td>");
        if (fsRuns) {
            assertThat(fs).contains("id=\"coverage-fs-encoder-decoder-v2\"");
        } else {
            assertThat(fs)
                    .contains(
                            "No reference run trained under this protocol yet: its learning-rate sweep has begun")
                    .doesNotContain("id=\"coverage-fs-encoder-decoder-v2\"")
                    .doesNotContain("id=\"convergence-fs-encoder-decoder-v2\"");
        }
    }

    @Test
    void shouldShowTheLossScaleStudyOnTheOptimizersPage() {
        given().when()
                .get("/analysis/optimizers?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body(containsString("Adam and loss scales"))
                .body(containsString("id=\"loss-scale-table\""))
                .body(containsString("left ×10"));
        given().when()
                .get("/analysis/optimizers?benchmark=nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("No loss-scale runs"));
    }

    @Test
    void shouldRenderHtmlErrorPagesForPages() {
        given().when()
                .get("/leaderboards/imagenet")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("No benchmark &#39;imagenet&#39;"))
                .body(not(containsString("Exception")));
        given().when()
                .get("/leaderboards/nyuv2?sort=fame")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("allowed values"));
        given().when()
                .get("/runs/xyz")
                .then()
                .statusCode(404)
                .contentType(containsString("text/html"));
        // a single-value parameter given twice: an error page naming it, not the first value's page
        given().when()
                .get("/leaderboards/nyuv2?convention=flat&convention=per-task")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("convention"))
                .body(containsString("it takes one value"));
    }

    @Test
    void shouldServeStaticAssetsAndChartJs() throws Exception {
        // the repository's front-end files, byte for byte, with their types
        given().when()
                .get("/static/js/leaderboard.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(equalTo(Files.readString(Path.of("frontend/js/leaderboard.js"))));
        given().when()
                .get("/static/css/mtlboard.css")
                .then()
                .statusCode(200)
                .contentType(containsString("text/css"))
                .body(equalTo(Files.readString(Path.of("frontend/css/mtlboard.css"))));
        // Chart.js from its WebJar, without the version in the path
        given().when()
                .get("/webjars/chart.js/dist/chart.umd.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .body(startsWith("/*!\n * Chart.js v"));
    }
}
