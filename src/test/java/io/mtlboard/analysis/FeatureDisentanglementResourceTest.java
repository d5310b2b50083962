package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/analysis/feature-disentanglement} on the fixture runs. */
@QuarkusTest
class FeatureDisentanglementResourceTest {

    private static final String PATH =
            "/api/analysis/feature-disentanglement?benchmark=multifashion";

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    @Test
    void shouldAverageFdCurvesOverSeedsPerEpoch() {
        JsonPath v = AnalysisFixtures.json(PATH + "&backbone=lenet5&optimizer=adam");
        assertThat(v.getList("methods.id", String.class))
                .containsExactlyInAnyOrder(
                        "aligned-mtl", "ew", "uw", "pcgrad", "famo", "mgda", "nash-mtl", "cagrad");
        assertThat(v.getList("curves")).hasSize(10);
        // ew seeds: FD 0.23, 0.28, 0.33 and 0.27, 0.32, 0.37 → 0.25, 0.30, 0.35 over 2 runs
        Map<String, Object> ew = v.getMap("curves.find { it.method == 'ew' }");
        assertThat(ew).containsEntry("runs", 2);
        List<Map<String, Object>> points = v.getList("curves.find { it.method == 'ew' }.points");
        assertThat(points).extracting(p -> p.get("epoch")).containsExactly(1, 2, 3);
        assertThat(points)
                .extracting(p -> (Double) p.get("mean"))
                .satisfiesExactly(
                        m -> assertThat(m).isCloseTo(0.25, within(1e-9)),
                        m -> assertThat(m).isCloseTo(0.30, within(1e-9)),
                        m -> assertThat(m).isCloseTo(0.35, within(1e-9)));
        assertThat(points.get(0)).containsEntry("n", 2);
    }

    @Test
    void shouldRankFinalFdAgainstDeltaM() {
        JsonPath v = AnalysisFixtures.json(PATH + "&backbone=lenet5&optimizer=adam");
        assertThat(v.getList("finals")).hasSize(10);
        assertThat(v.getDouble("finals.find { it.method == 'ew' }.x"))
                .isCloseTo(0.35, within(1e-9));
        // one discordant pair of 45 (mgda 0.60 > nash-mtl 0.55 but Δm 0.5 < 0.75)
        assertThat(v.getDouble("agreement.value")).isCloseTo(43.0 / 45, within(1e-12));
        assertThat(v.getInt("agreement.n")).isEqualTo(10);
        // only EW has two runs (its FD and Δm resampled together); the nine other rows have one
        // run and are held fixed, so the interval is too narrow and the page says so
        assertThat(v.getMap("interval"))
                .containsEntry("rows", 10)
                .containsEntry("singleRunRows", 9)
                .containsEntry("includesZero", false);
        assertThat(v.getString("finalsMessage"))
                .isEqualTo(
                        "Beyond seed noise, but 9 of 10 rows have one run and add no seed spread,"
                                + " so the interval is too narrow.");
        assertThat(v.getString("coefficient.id")).isEqualTo("kendall-tau-b");
        JsonPath rho =
                AnalysisFixtures.json(
                        PATH + "&backbone=lenet5&optimizer=adam&coefficient=spearman-rho");
        // ranks differ by one for two rows: ρ = 1 − 6·2 / (10·99)
        assertThat(rho.getDouble("agreement.value")).isCloseTo(1 - 12.0 / 990, within(1e-12));
    }

    @Test
    void shouldOverlayOnlyTheChosenMethodsButRankAllOfThem() {
        JsonPath v = AnalysisFixtures.json(PATH + "&backbone=lenet5&optimizer=adam&method=ew,mgda");
        assertThat(v.getList("curves.method", String.class))
                .containsExactlyInAnyOrder("ew", "mgda", "mgda");
        assertThat(v.getList("curves.label", String.class))
                .anySatisfy(l -> assertThat(l).startsWith("MGDA-UB"));
        assertThat(v.getList("finals")).hasSize(10);
        assertThat(v.getList("methods")).hasSize(8);
    }

    @Test
    void shouldShowWorkerMeasuredFdWhereAvailableAndSayWhenNot() {
        JsonPath lenet = AnalysisFixtures.json(PATH + "&backbone=lenet5");
        assertThat(lenet.getList("measured.rows")).isEmpty();
        assertThat(lenet.getString("measured.message")).startsWith("No data yet");
        assertThat(lenet.getString("measured.source"))
                .contains("the test-split FD of the latest completed evaluation");
        JsonPath mobile = AnalysisFixtures.json(PATH + "&backbone=mobilenet-like");
        assertThat(mobile.getString("measured.message")).isNull();
        assertThat(mobile.getDouble("measured.rows.find { it.method == 'ew' }.fd.mean"))
                .isEqualTo(0.42);
        assertThat(mobile.getDouble("measured.rows.find { it.method == 'mgda' }.fd.mean"))
                .isEqualTo(0.5);
        assertThat(mobile.getDouble("measured.rows.find { it.method == 'mgda' }.meanEntropy.mean"))
                .isCloseTo(Math.log(2) * 0.5, within(1e-6));
        // no training log on that backbone: no curves, too little to conclude, said plainly
        assertThat(mobile.getList("curves")).isEmpty();
        assertThat(mobile.getString("finalsMessage"))
                .startsWith("Too little data to conclude: 0 row(s)");
        assertThat(mobile.getList("notes", String.class))
                .anySatisfy(n -> assertThat(n).contains("logged FD"));
    }

    @Test
    void shouldRefuseInvalidParameters() {
        given().when()
                .get(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&method=magic&coefficient=x")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("method", "coefficient"))
                .body(
                        "violations.find { it.field == 'method' }.message",
                        containsString("allowed values: adatask, aligned-mtl"));
        given().when()
                .get("/api/analysis/feature-disentanglement")
                .then()
                .statusCode(400)
                .body("violations[0].field", Matchers.equalTo("benchmark"));
    }
}
