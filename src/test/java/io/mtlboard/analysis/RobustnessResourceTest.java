package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.RunService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/analysis/robustness} on the fixture runs and their recorded worker measurements. */
@QuarkusTest
class RobustnessResourceTest {

    private static final String PATH = "/api/analysis/robustness?benchmark=multifashion";

    @Inject RunService runs;

    private Map<String, Long> ids;

    @BeforeEach
    void loadFixtures() {
        ids = AnalysisFixtures.load();
    }

    @Test
    void shouldDrawTheDropPerSeverityOfTheMostMeasuredCorruption() {
        JsonPath v = AnalysisFixtures.json(PATH + "&backbone=mobilenet-like");
        assertThat(v.getString("metric.key")).isEqualTo("left.accuracy");
        assertThat(v.getString("corruption")).isEqualTo("gaussian_noise");
        assertThat(v.getList("corruptions", String.class))
                .startsWith("contrast", "gaussian_noise")
                .contains("jpeg");
        assertThat(v.getList("series")).hasSize(3);
        assertThat(v.getBoolean("series.find { it.method == 'stl' }.singleTask")).isTrue();
        List<Map<String, Object>> ew = v.getList("series.find { it.method == 'ew' }.points");
        assertThat(ew).extracting(p -> p.get("severity")).containsExactly(1, 2, 3);
        assertThat(ew)
                .extracting(p -> (Double) p.get("mean"))
                .satisfiesExactly(
                        d -> assertThat(d).isCloseTo(0.05, within(1e-9)),
                        d -> assertThat(d).isCloseTo(0.1, within(1e-9)),
                        d -> assertThat(d).isCloseTo(0.2, within(1e-9)));
        assertThat(v.getString("message")).isNull();
        assertThat(v.getString("source")).contains("latest completed evaluation of each run");
    }

    @Test
    void shouldShowThePublishedTablesOfCityscapesBesideTheOwnProtocol() {
        JsonPath v = AnalysisFixtures.json("/api/analysis/robustness?benchmark=cityscapes");
        assertThat(v.getString("protocol"))
                .contains("no fine-tuning")
                .contains("8 bundled corruptions")
                .contains("Eq. 26");
        assertThat(v.getList("published.table", String.class))
                .containsExactly("Table A8", "Table A10");
        assertThat(v.getString("published[0].protocol"))
                .contains("fine-tuned")
                .contains("15 corruptions");
        assertThat(v.getString("published[0].signConvention")).contains("negative");
        assertThat(
                        v.getDouble(
                                "published[0].rows.find { it.network == 'segnet' && it.method == 'ew' }"
                                        + ".values.'segmentation.mIoU'"))
                .isEqualTo(-0.2922);
        assertThat(v.getString("published[1].rows[0].method")).isEqualTo("stl");
        assertThat(v.getList("publishedBenchmarks", String.class))
                .containsExactly("cityscapes", "nyuv2");
        JsonPath own = AnalysisFixtures.json(PATH);
        assertThat(own.getList("published")).isEmpty();
        assertThat(own.getList("publishedBenchmarks", String.class))
                .containsExactly("cityscapes", "nyuv2");
    }

    @Test
    void shouldCompareEachMtlRowWithTheSingleTaskRow() {
        JsonPath v = AnalysisFixtures.json(PATH + "&backbone=mobilenet-like");
        // ew: ((.05 − .1) + (.1 − .2) + (.2 − .3) + (.02 − .05)) / 4; mgda: (0 − .05 − .05 + 0) / 4
        assertThat(v.getDouble("deltas.find { it.method == 'ew' }.delta"))
                .isCloseTo(-0.07, within(1e-9));
        assertThat(v.getInt("deltas.find { it.method == 'ew' }.conditions")).isEqualTo(4);
        assertThat(v.getDouble("deltas.find { it.method == 'mgda' }.delta"))
                .isCloseTo(-0.025, within(1e-9));
        // one measured run per fixture row: δ_t is not tested against seed noise, and says so
        assertThat(v.getString("deltas.find { it.method == 'ew' }.reading")).isEqualTo("one-seed");
        assertThat(v.getString("deltas.find { it.method == 'ew' }.low")).isNull();
        assertThat(v.getString("deltas.find { it.method == 'ew' }.text"))
                .isEqualTo("one run on each side: not tested against seed noise");
        assertThat(v.getString("deltaSummary"))
                .startsWith("Of 2 multi-task rows, 0 degrade less")
                .endsWith("2 rest on one run on each side and are not tested against seed noise.");
        JsonPath contrast =
                AnalysisFixtures.json(PATH + "&backbone=mobilenet-like&corruption=contrast");
        assertThat(contrast.getDouble("series.find { it.method == 'ew' }.points[0].mean"))
                .isCloseTo(0.02, within(1e-9));
        JsonPath right =
                AnalysisFixtures.json(PATH + "&backbone=mobilenet-like&metric=right.accuracy");
        assertThat(right.getList("series")).isEmpty();
    }

    @Test
    void shouldShowOneSettingAtATimeAndCompareWithinIt() {
        // the fixture's LeNet rows outnumber the MobileNet ones, but only MobileNet's were measured
        // on corrupted splits: the page opens on a setting with measurements
        JsonPath v = AnalysisFixtures.json(PATH);
        String mobileSetting = v.getString("setting.id");
        assertThat(mobileSetting).startsWith("mobilenet-like@");
        assertThat(v.getString("backbone.id")).isEqualTo("mobilenet-like");
        assertThat(v.getList("settings.id", String.class)).first().isEqualTo(mobileSetting);
        assertThat(v.getList("backbones.id", String.class))
                .contains("lenet5", "mobilenet-like", "resnet-narrow");
        JsonPath mobile = AnalysisFixtures.json(PATH + "&backbone=mobilenet-like");
        assertThat(mobile.getString("setting.id")).isEqualTo(mobileSetting);
        // a setting names its backbone; the view shows that setting's rows only, and every δ_t
        // row's single-task baseline is one of them
        JsonPath same = AnalysisFixtures.json(PATH + "&setting=" + mobileSetting);
        assertThat(same.getString("backbone.id")).isEqualTo("mobilenet-like");
        assertThat(same.getList("series.key")).isEqualTo(mobile.getList("series.key"));
        assertThat(same.getList("series.key", String.class))
                .containsAll(same.getList("deltas.baseline", String.class));
        // a backbone without measurements: its own setting, and no numbers
        JsonPath lenet = AnalysisFixtures.json(PATH + "&backbone=lenet5");
        assertThat(lenet.getString("setting.id")).startsWith("lenet5@");
        assertThat(lenet.getList("series")).isEmpty();
        assertThat(lenet.getList("deltas")).isEmpty();
        assertThat(lenet.getString("message")).startsWith("No data yet");
    }

    @Test
    void shouldRefuseTwoBackbonesAndAnUnknownSetting() {
        given().when()
                .get(PATH + "&backbone=mobilenet-like&backbone=lenet5")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("backbone"))
                .body(
                        "violations.find { it.field == 'backbone' }.message",
                        containsString("within one setting"));
        given().when()
                .get(PATH + "&backbone=mobilenet-like&setting=mobilenet-like@no-such-protocol")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.find { it.field == 'setting' }.message",
                        containsString("allowed values: mobilenet-like@"));
        // a setting names its backbone: one without rows has no settings to list
        given().when()
                .get(PATH + "&setting=x@y@z")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.find { it.field == 'setting' }.message",
                        containsString("backbone 'x@y' has no rows here, so no setting 'x@y@z'"));
    }

    @Test
    void shouldSayNoDataYetWithoutCorruptedMeasurements() {
        JsonPath v = AnalysisFixtures.json("/api/analysis/robustness?benchmark=nyuv2");
        assertThat(v.getList("series")).isEmpty();
        assertThat(v.getList("deltas")).isEmpty();
        assertThat(v.getString("corruption")).isEqualTo("gaussian_noise");
        assertThat(v.getString("metric.key")).isEqualTo("segmentation.mIoU");
        assertThat(v.getString("message")).startsWith("No data yet");
    }

    @Test
    void shouldRefuseInvalidParameters() {
        given().when()
                .get(PATH + "&metric=depth.absErr&corruption=snow")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("metric", "corruption"))
                .body(
                        "violations.find { it.field == 'metric' }.message",
                        containsString("allowed values: left.accuracy, right.accuracy"));
    }

    @Test
    void shouldRecordDiagnosticsOncePerAttemptAndRefuseInvalidOnes() {
        // a single-task run of a benchmark the tests above do not analyse
        long id =
                given().header("Authorization", "Bearer test-admin-token")
                        .header("Idempotency-Key", "analysis-diagnostics-check")
                        .multiPart(
                                "manifest",
                                """
                        {"benchmark": "metagraspnet", "backbone": "resnet18", "method": "stl", "optimizer": "adam",
                         "gradientLevel": "param", "seed": 1, "claims": {"segmentation.mIoU": 40,
                         "segmentation.pixAcc": 70, "depth.absErr": 0.5, "depth.relErr": 0.2, "normal.mean": 25,
                         "normal.median": 20, "normal.within11": 30, "normal.within22": 55, "normal.within30": 65}}""")
                        .when()
                        .post("/api/runs")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("id");
        OffsetDateTime now = OffsetDateTime.now();
        runs.recordEvaluation(
                id,
                1,
                new EvaluationRecord(
                        "fixture",
                        "w",
                        "cpu",
                        "VERIFIED",
                        null,
                        1L,
                        1.0,
                        1.0,
                        "",
                        now,
                        now,
                        Map.of("segmentation.mIoU", 40.0),
                        Map.of()));
        assertThatThrownBy(
                        () ->
                                runs.recordDiagnostics(
                                        id, 1, new EvaluationDiagnostics(1.5, null, List.of())))
                .hasMessageContaining("FD must lie in [0, 1]");
        assertThatThrownBy(
                        () ->
                                runs.recordDiagnostics(
                                        id,
                                        1,
                                        new EvaluationDiagnostics(
                                                null,
                                                null,
                                                List.of(
                                                        new EvaluationDiagnostics.Corrupted(
                                                                "fog", 1, "left.accuracy", 1.0)))))
                .hasMessageContaining("no metric left.accuracy");
        assertThatThrownBy(
                        () ->
                                runs.recordDiagnostics(
                                        id,
                                        1,
                                        new EvaluationDiagnostics(
                                                0.3,
                                                null,
                                                List.of(
                                                        new EvaluationDiagnostics.Corrupted(
                                                                "fog",
                                                                9,
                                                                "segmentation.mIoU",
                                                                1.0)))))
                .hasMessageContaining("severity must be 1 to 5");
        // nothing of the refused calls was kept, so the first valid record is written, the second
        // not
        EvaluationDiagnostics valid =
                new EvaluationDiagnostics(
                        0.3,
                        0.4,
                        List.of(
                                new EvaluationDiagnostics.Corrupted(
                                        "fog", 2, "segmentation.mIoU", 80.0)));
        assertThat(runs.recordDiagnostics(id, 1, valid)).isTrue();
        assertThat(runs.recordDiagnostics(id, 1, valid)).isFalse();
        assertThat(runs.recordDiagnostics(id, 2, valid)).as("no such attempt").isFalse();
    }
}
