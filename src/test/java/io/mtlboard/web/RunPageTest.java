package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.mtlboard.imports.ReferenceImporter;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The run page of a reference run as a researcher reads it: its row on the leaderboard (setting,
 * rank, Δm against the named and linked baseline), hyperparameters, diagnostics (test-split FD,
 * corrupted splits as a table and a chart) and training curves — on two shipped bundles of the
 * mf-lenet5-v2 reference protocol, with every expected value read from the JSON API.
 */
@QuarkusTest
class RunPageTest {

    private static final Path SHIPPED = Path.of("benchmarks-data/reference/multifashion");

    @Inject ReferenceImporter importer;
    @Inject LeaderboardVersion version;

    @TestHTTPResource("/")
    URL root;

    private long stl;
    private long mgda;

    /** Other tests share the database and count MultiFashion's rows: leave no reference run behind. */
    @AfterEach
    void removeImportedRuns() {
        QuarkusTransaction.requiringNew().run(() -> Run.delete("importKey like ?1", "reference/%"));
        version.bumpAll();
    }

    @BeforeEach
    void importTwoShippedBundles() throws Exception {
        Path dir = Files.createTempDirectory("run-page");
        Files.createDirectories(dir.resolve("multifashion"));
        for (String name :
                List.of(
                        "lenet5_stl_param_adam_seed0.json",
                        "lenet5_mgda_feature_adam_seed0.json")) {
            Files.copy(
                    SHIPPED.resolve(name),
                    dir.resolve("multifashion").resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        importer.importAll(dir);
        JsonPath board =
                given().queryParam("setting", "lenet5@mf-lenet5-v2")
                        .get("/api/leaderboards/multifashion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        stl = runOf(board, "stl", "param");
        mgda = runOf(board, "mgda", "feature");
    }

    private static long runOf(JsonPath board, String method, String level) {
        List<Map<String, Object>> rows = board.getList("rows");
        for (Map<String, Object> r : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) r.get("method");
            if (method.equals(m.get("id")) && level.equals(r.get("gradientLevel"))) {
                return ((Number) ((List<?>) r.get("runIds")).get(0)).longValue();
            }
        }
        throw new AssertionError("no " + method + " " + level + " row");
    }

    @Test
    void shouldPlaceTheRunOnItsSettingWithDeltaMAgainstTheLinkedBaseline() {
        JsonPath board =
                given().queryParam("setting", "lenet5@mf-lenet5-v2")
                        .get("/api/leaderboards/multifashion")
                        .then()
                        .extract()
                        .jsonPath();
        int i = board.getList("rows.runIds[0]", Long.class).indexOf(mgda);
        double delta = board.getDouble("rows[" + i + "].deltaM.perTask.mean");
        Integer rank = board.get("rows[" + i + "].rank");
        int ranked = board.getInt("settings[0].ranked");
        String expectedRank =
                rank == null ? "not ranked" : WebFormat.rankText(rank, ranked) + " in this setting";
        given().get("/runs/" + mgda)
                .then()
                .statusCode(200)
                .body(containsString("On the leaderboard"))
                .body(containsString(board.getString("settings[0].label")))
                .body(containsString(expectedRank))
                .body(containsString(WebFormat.signed(delta) + " %"))
                .body(containsString("<a href=\"/runs/" + stl + "\">" + stl + "</a>"))
                .body(containsString("<code>lr</code></dt><dd>0.003</dd>"));
        given().get("/runs/" + stl)
                .then()
                .statusCode(200)
                .body(containsString("the setting's single-task baseline (Δm = 0), not ranked"));
    }

    @Test
    void shouldShowTheDiagnosticsOfTheEvaluation() {
        JsonPath run = given().get("/api/runs/" + mgda).then().extract().jsonPath();
        double fd = run.getDouble("evaluation.testFd");
        assertThat(fd).isBetween(0.0, 1.0);
        List<Map<String, Object>> corrupted = run.getList("evaluation.corrupted");
        assertThat(corrupted).hasSize(8 * 5 * 2);
        double noise3 =
                corrupted.stream()
                        .filter(
                                c ->
                                        "gaussian_noise".equals(c.get("corruption"))
                                                && ((Number) c.get("severity")).intValue() == 3
                                                && "left.accuracy".equals(c.get("metric")))
                        .mapToDouble(c -> ((Number) c.get("measured")).doubleValue())
                        .findFirst()
                        .orElseThrow();
        String page = given().get("/runs/" + mgda).then().statusCode(200).extract().asString();
        assertThat(page).contains("FD = " + WebFormat.num(fd));
        String gaussianLeft =
                page.substring(page.indexOf("<td>Gaussian noise</td><td><code>left.accuracy"));
        gaussianLeft = gaussianLeft.substring(0, gaussianLeft.indexOf("</tr>"));
        // clean, severities 1-5: the third severity is the fifth number cell
        assertThat(gaussianLeft.split("<td class=\"num\">")[4]).startsWith(WebFormat.num(noise3));
        assertThat(page).contains("id=\"robustness-chart\"").contains("id=\"loss-chart\"");
    }

    @Test
    @Tag("browser")
    void shouldDrawTheTrainingCurvesAndTheRobustnessChart() throws Exception {
        ChromeDriver driver = HeadlessChromium.start(1300, 1200);
        try {
            driver.get(new URL(root, "runs/" + mgda).toString());
            for (String chart :
                    List.of("loss-chart", "validation-chart", "fd-chart", "robustness-chart")) {
                HeadlessChromium.waitForChart(driver, chart);
            }
            // 30 epochs × 2 tasks of losses; 8 corruptions × 5 severities of the chosen metric
            assertThat(driver.findElement(By.id("loss-chart")).getAttribute("data-points"))
                    .isEqualTo("60");
            assertThat(driver.findElement(By.id("robustness-chart")).getAttribute("data-points"))
                    .isEqualTo("40");
            assertThat(driver.findElement(By.id("training-charts")).isDisplayed()).isTrue();
            assertThat(HeadlessChromium.consoleErrors(driver)).as("console errors").isEmpty();
        } finally {
            driver.quit();
        }
    }

    /** A published result was never evaluated here: its page and log say so, not "claimed". */
    @Test
    void shouldSayAPublishedResultWasNotEvaluatedByMtlboard() {
        long id =
                given().when()
                        .get("/api/leaderboards/office-home?setting=resnet18@dbmtl-2023")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getLong("rows.find { it.source == 'literature' }.runIds[0]");
        assertThat(
                        given().when()
                                .get("/api/runs/" + id + "/log")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                .isEqualTo(
                        "Not evaluated by MTLBoard: a published result, copied from the publication"
                                + " it cites (no model was submitted)\n");
        String page = given().when().get("/runs/" + id).then().statusCode(200).extract().asString();
        assertThat(page).contains("published result").doesNotContain("/api/runs/" + id + "/log");
    }

    /** Where the printed Δm differs from the recomputation, the run page says so and why. */
    @Test
    void shouldFlagAPrintedDeltaMThatDiffersFromTheRecomputation() {
        JsonPath board =
                given().when()
                        .get("/api/leaderboards/office-home?setting=resnet18@dbmtl-2023")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String row = "rows.find { it.method.id == 'cagrad' && it.source == 'literature' }";
        long id = board.getLong(row + ".runIds[0]");
        String note = board.getString(row + ".published.note");
        assertThat(note).isNotBlank();
        String page = given().when().get("/runs/" + id).then().statusCode(200).extract().asString();
        assertThat(page)
                .contains("<span class=\"warn\" id=\"run-printed-differs\">printed -1.50 ⚠</span>")
                .contains(note.replace("'", "&#39;").replace("\"", "&quot;"));
    }
}
