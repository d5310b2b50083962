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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/analysis/ranking-similarity} on the fixture runs (values designed in make_fixtures.py). */
@QuarkusTest
class RankingSimilarityResourceTest {

    private static final String PATH = "/api/analysis/ranking-similarity";

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    private static JsonPath get(String query) {
        return AnalysisFixtures.json(PATH + "?" + query);
    }

    /** The cell of the indicator heatmap comparing test Δm with the indicator {@code key}. */
    private static Map<String, Object> deltaMCell(JsonPath view, String key) {
        List<String> keys = view.getList("indicatorHeatmap.axes.key");
        return view.getMap("indicatorHeatmap.cells[0][" + keys.indexOf(key) + "]");
    }

    private static double value(Map<String, Object> cell) {
        return ((Number) cell.get("value")).doubleValue();
    }

    @Test
    void shouldRankIndicatorsAgainstDeltaMWithNPerCell() {
        JsonPath v = get("benchmark=multifashion&backbone=lenet5&optimizer=adam");
        assertThat(v.getString("coefficient.id")).isEqualTo("kendall-tau-b");
        assertThat(v.getString("coefficient.label")).isEqualTo("Kendall τ-b");
        assertThat(v.getString("backbone.id")).isEqualTo("lenet5");
        assertThat(v.getInt("rows")).isEqualTo(10);
        assertThat(v.getInt("rowsWithLogs")).isEqualTo(10);
        assertThat(v.getInt("minReliable")).isEqualTo(5);
        assertThat(v.getList("indicatorHeatmap.axes.key", String.class))
                .containsExactly(
                        "deltaM",
                        "param.interTask.cosine",
                        "param.interTask.magnitudeSimilarity",
                        "param.interTask.conflictRatio",
                        "param.interTask.imbalance",
                        "param.interSample.cosine",
                        "param.interSample.magnitudeSimilarity",
                        "feature.interTask.cosine",
                        "fd.value",
                        "fd.meanEntropy",
                        "loss.total",
                        "loss.geometricMean");
        assertThat(v.getString("indicatorHeatmap.axes[0].label")).isEqualTo("test Δm (per-task)");
        // the training loss, the reference predictor, is counted apart from the indicators; every
        // fixture run logged the same losses, so it cannot rank the rows (IndicatorReadingsTest
        // reads a defined one)
        assertThat(deltaMCell(v, "loss.total")).containsEntry("n", 10).containsEntry("value", null);
        assertThat(deltaMCell(v, "loss.geometricMean"))
                .containsEntry("n", 10)
                .containsEntry("value", null);
        assertThat(v.getString("readingSummary"))
                .startsWith("Of 9 indicators, ")
                .doesNotContain("For reference");
        assertThat(v.getList("readings", java.util.Map.class))
                .filteredOn(r -> "loss.total".equals(r.get("key")))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.get("reading")).isEqualTo("undefined");
                            assertThat(r.get("text"))
                                    .isEqualTo("not defined: the rows tie on it (n = 10)");
                        });
        // cosine was designed in Δm order, magnitude similarity in reverse order
        assertThat(value(deltaMCell(v, "param.interTask.cosine"))).isCloseTo(1.0, within(1e-12));
        assertThat(deltaMCell(v, "param.interTask.cosine"))
                .containsEntry("n", 10)
                .containsEntry("unreliable", false);
        assertThat(value(deltaMCell(v, "param.interTask.magnitudeSimilarity")))
                .isCloseTo(-1.0, within(1e-12));
        // conflict ratio (lower is better) on 5 rows with one discordant pair: τ = (9 − 1) / 10
        assertThat(value(deltaMCell(v, "param.interTask.conflictRatio")))
                .isCloseTo(0.8, within(1e-12));
        assertThat(deltaMCell(v, "param.interTask.conflictRatio"))
                .containsEntry("n", 5)
                .containsEntry("unreliable", false);
        // imbalance on 3 rows and feature-level cosine on 4 rows are marked unreliable
        assertThat(deltaMCell(v, "param.interTask.imbalance"))
                .containsEntry("n", 3)
                .containsEntry("unreliable", true);
        assertThat(deltaMCell(v, "feature.interTask.cosine"))
                .containsEntry("n", 4)
                .containsEntry("unreliable", true);
        // inter-sample cosine is the same for every row: no ranking, no coefficient
        assertThat(deltaMCell(v, "param.interSample.cosine"))
                .containsEntry("value", null)
                .containsEntry("n", 10);
        // FD: one discordant pair of 45 (mgda against nash-mtl); its entropy ranks the same way
        assertThat(value(deltaMCell(v, "fd.value"))).isCloseTo(43.0 / 45, within(1e-12));
        assertThat(value(deltaMCell(v, "fd.meanEntropy"))).isCloseTo(43.0 / 45, within(1e-12));
        assertThat(v.getString("indicatorHeatmap.message")).isNull();
    }

    @Test
    void shouldGiveEveryCellASeedBootstrapIntervalAndTheScatterAVerdictInWords() {
        JsonPath v = get("benchmark=multifashion&backbone=lenet5&optimizer=adam");
        List<String> keys = v.getList("indicatorHeatmap.axes.key");
        assertThat(v.getList("indicatorHeatmap.intervals")).hasSize(keys.size());
        int cosine = keys.indexOf("param.interTask.cosine");
        Map<String, Object> interval = v.getMap("indicatorHeatmap.intervals[0][" + cosine + "]");
        // cosine was designed in Δm order: resampling the seeds keeps the agreement far from 0
        assertThat(((Number) interval.get("low")).doubleValue()).isPositive();
        assertThat(interval).containsEntry("includesZero", false).containsEntry("draws", 1000);
        // only EW has two runs: the other nine rows add no seed spread, and the page says so
        assertThat(interval).containsEntry("rows", 10).containsEntry("singleRunRows", 9);
        String verdict = v.getString("scatter.verdict");
        assertThat(verdict)
                .contains("beyond seed noise")
                .contains("Kendall τ-b = ")
                .contains("9 of 10 rows have one run and add no seed spread");
        // FD: the interval holds nine rows fixed, and the reading says it is too narrow
        assertThat(v.getList("readings", java.util.Map.class))
                .filteredOn(r -> "fd.value".equals(r.get("key")))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.get("reading")).isEqualTo("like");
                            assertThat((String) r.get("text"))
                                    .isEqualTo(
                                            "ranks rows like test Δm beyond seed noise (9 of 10"
                                                    + " rows have one run and add no seed spread,"
                                                    + " so the interval is too narrow)");
                        });
        assertThat(v.getString("scatter.indicator.key")).isEqualTo("param.interTask.cosine");
        assertThat(v.getMap("scatter.interval")).containsEntry("includesZero", false);
        given().when()
                .get("/analysis/ranking-similarity?benchmark=multifashion&backbone=lenet5")
                .then()
                .statusCode(200)
                .body(containsString("noise ceiling"))
                .body(containsString("greyed out"));
    }

    @Test
    void shouldSwitchTheCoefficient() {
        // conflict ratio against Δm: rank differences 1 and 1 → ρ = 1 − 6·2 / (5·24) = 0.9
        JsonPath rho =
                get(
                        "benchmark=multifashion&backbone=lenet5&optimizer=adam&coefficient=spearman-rho");
        assertThat(rho.getString("coefficient.label")).isEqualTo("Spearman ρ");
        assertThat(value(deltaMCell(rho, "param.interTask.conflictRatio")))
                .isCloseTo(0.9, within(1e-12));
        // top-3 by Δm: cagrad, mgda, pcgrad; by conflict ratio: cagrad, mgda, uw → 2/3
        JsonPath top =
                get(
                        "benchmark=multifashion&backbone=lenet5&optimizer=adam&coefficient=top-k-overlap&k=3");
        assertThat(top.getString("coefficient.label")).isEqualTo("top-3 overlap");
        assertThat(top.getInt("coefficient.k")).isEqualTo(3);
        assertThat(value(deltaMCell(top, "param.interTask.conflictRatio")))
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void shouldPlotAnyIndicatorAgainstDeltaM() {
        JsonPath cosine = get("benchmark=multifashion&backbone=lenet5&optimizer=adam");
        assertThat(cosine.getString("scatter.indicator.key")).isEqualTo("param.interTask.cosine");
        assertThat(cosine.getList("scatter.points")).hasSize(10);
        assertThat(cosine.getDouble("scatter.agreement.value")).isCloseTo(1.0, within(1e-12));
        JsonPath fd =
                get("benchmark=multifashion&backbone=lenet5&optimizer=adam&indicator=fd.value");
        assertThat(fd.getString("scatter.indicator.label"))
                .isEqualTo("feature disentanglement (FD)");
        assertThat(fd.getDouble("scatter.agreement.value")).isCloseTo(43.0 / 45, within(1e-12));
        // ew: two seeds with run means 0.28 and 0.32 → 0.30 ± 0.028284; Δm −1 and −0.5 → −0.75
        Map<String, Object> ew = fd.getMap("scatter.points.find { it.method == 'ew' }");
        assertThat(((Number) ew.get("x")).doubleValue()).isCloseTo(0.30, within(1e-9));
        assertThat(((Number) ew.get("xStd")).doubleValue())
                .isCloseTo(Math.sqrt(0.0008), within(1e-9));
        assertThat(((Number) ew.get("y")).doubleValue()).isCloseTo(-0.75, within(1e-9));
        assertThat(ew).containsEntry("runs", 2);
        assertThat(fd.getString("scatter.message")).isNull();
        // only 3 rows logged the imbalance: too little to conclude, said plainly
        JsonPath imbalance =
                get(
                        "benchmark=multifashion&backbone=lenet5&optimizer=adam&indicator=param.interTask.imbalance");
        assertThat(imbalance.getString("scatter.message"))
                .startsWith("Too little data to conclude: 3 row(s)");
    }

    @Test
    void shouldCompareTheDeltaMRankingAcrossBackbonesAndDatasets() {
        JsonPath v = get("benchmark=multifashion&optimizer=adam");
        assertThat(v.getString("backbone.id")).as("default: most logged rows").isEqualTo("lenet5");
        assertThat(v.getList("backbones.id", String.class))
                .containsExactly("lenet5", "mobilenet-like", "resnet-narrow");
        // one axis per setting (backbone × protocol); the fixture rows share one protocol
        assertThat(v.getList("backboneHeatmap.axes.key", String.class))
                .containsExactly(
                        "lenet5@mtlboard", "mobilenet-like@mtlboard", "resnet-narrow@mtlboard");
        assertThat(v.getString("backboneHeatmap.axes[0].label")).startsWith("LeNet-5-style · ");
        // LeNet-5 against the narrow ResNet: same order on 5 methods but pcgrad/mgda swapped → τ =
        // 0.8
        assertThat(v.getDouble("backboneHeatmap.cells[0][2].value")).isCloseTo(0.8, within(1e-12));
        assertThat(v.getInt("backboneHeatmap.cells[0][2].n")).isEqualTo(5);
        assertThat(v.getInt("backboneHeatmap.cells[0][1].n")).isEqualTo(2);
        assertThat(v.getBoolean("backboneHeatmap.cells[0][1].unreliable")).isTrue();
        assertThat(v.getInt("backboneHeatmap.reliableCells")).isEqualTo(2);
        List<String> datasets = v.getList("datasetHeatmap.axes.key");
        assertThat(datasets).contains("multifashion", "nyuv2");
        int mf = datasets.indexOf("multifashion");
        assertThat(v.getInt("datasetHeatmap.cells[" + mf + "][" + mf + "].n")).isEqualTo(10);
        assertThat(v.getDouble("datasetHeatmap.cells[" + mf + "][" + mf + "].value"))
                .isEqualTo(1.0);
    }

    @Test
    void shouldSayPlainlyWhenThereAreNoTrainingLogs() {
        JsonPath v = get("benchmark=nyuv2&backbone=segnet-mtan");
        assertThat(v.getInt("rowsWithLogs")).isZero();
        assertThat(v.getList("indicatorHeatmap.axes.key", String.class)).containsExactly("deltaM");
        assertThat(v.getString("indicatorHeatmap.message"))
                .startsWith("Too little data to conclude");
        assertThat(v.getList("notes", String.class))
                .anySatisfy(n -> assertThat(n).contains("No run of this benchmark"));
        assertThat(v.getString("scatter.message"))
                .startsWith("Too little data to conclude: 0 row(s)");
    }

    @Test
    void shouldListEveryInvalidParameterWithItsAllowedValues() {
        given().when()
                .get(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("benchmark"))
                .body(
                        "violations.find { it.field == 'benchmark' }.message",
                        containsString("multifashion"));
        given().when()
                .get(
                        PATH
                                + "?benchmark=imagenet&coefficient=pearson&indicator=loss&backbone=vgg&k=0")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("5 invalid parameter(s)"))
                .body(
                        "violations.field",
                        hasItems("benchmark", "coefficient", "indicator", "backbone", "k"))
                .body(
                        "violations.find { it.field == 'coefficient' }.message",
                        containsString("kendall-tau-b, spearman-rho, top-k-overlap"));
        given().when()
                .get(PATH + "?benchmark=multifashion&backbone=lenet5,resnet-narrow")
                .then()
                .statusCode(400)
                .body("violations[0].message", containsString("give one backbone"));
        // a setting the backbone has no rows in: its allowed values are the backbone's settings
        given().when()
                .get(
                        PATH
                                + "?benchmark=multifashion&backbone=lenet5&setting=lenet5@no-such-protocol")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("setting"))
                .body(
                        "violations[0].message",
                        containsString("has no rows in setting 'lenet5@no-such-protocol'"))
                .body("violations[0].message", containsString("allowed values: lenet5@mtlboard"));
    }

    @Test
    void shouldTakeTheBackboneOfTheSettingAskedForWhenNoneIsGiven() {
        // a setting id names its backbone: no need to repeat it, and no error naming the default
        JsonPath v = get("benchmark=multifashion&setting=mobilenet-like@mtlboard");
        assertThat(v.getString("backbone.id")).isEqualTo("mobilenet-like");
        assertThat(v.getString("setting.id")).isEqualTo("mobilenet-like@mtlboard");
        for (String path :
                List.of("/api/analysis/feature-disentanglement", "/api/analysis/gradients")) {
            given().when()
                    .get(path + "?benchmark=multifashion&setting=mobilenet-like@mtlboard")
                    .then()
                    .statusCode(200)
                    .body("backbone.id", org.hamcrest.Matchers.equalTo("mobilenet-like"))
                    .body("setting.id", org.hamcrest.Matchers.equalTo("mobilenet-like@mtlboard"));
        }
        // a backbone given and a setting of another backbone still disagree
        given().when()
                .get(
                        PATH
                                + "?benchmark=multifashion&backbone=lenet5&setting=mobilenet-like@mtlboard")
                .then()
                .statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("setting"));
    }

    @Test
    void shouldRankTheRowsOfOneSetting() {
        JsonPath v = get("benchmark=multifashion&backbone=lenet5&optimizer=adam");
        // the fixture rows share one setting
        assertThat(v.getList("settings.id", String.class)).containsExactly("lenet5@mtlboard");
        assertThat(v.getString("setting.id")).isEqualTo("lenet5@mtlboard");
        assertThat(v.getInt("setting.rows")).isEqualTo(v.getInt("rows"));
        JsonPath chosen =
                get(
                        "benchmark=multifashion&backbone=lenet5&optimizer=adam&setting=lenet5@mtlboard");
        assertThat(chosen.getInt("rows")).isEqualTo(v.getInt("rows"));
    }
}
