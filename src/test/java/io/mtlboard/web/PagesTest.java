package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.mtlboard.training.ReferenceProtocol;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void shouldRenderBenchmarkMethodAndRunPages() {
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("↓ lower is better"))
                .body(containsString("Single-task baselines"))
                .body(containsString("53.50"));
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
        given().when()
                .get("/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("No documented reference protocol"));
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
