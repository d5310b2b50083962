package io.mtlboard.imports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.run.Evaluation;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reference run bundles as {@code mtlboard reference} writes them become REFERENCE runs with a
 * completed evaluation, get Δm against the single-task bundles of their backbone, are imported
 * once per content, and invalid bundles are refused with every problem listed.
 */
@QuarkusTest
class ReferenceImporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKBONE = "resnet18";

    @Inject ReferenceImporter importer;
    @Inject LeaderboardVersion version;

    /** Other tests share the database: leave no reference run behind. */
    @AfterEach
    void removeImportedRuns() {
        QuarkusTransaction.requiringNew().run(() -> Run.delete("importKey like ?1", "reference/%"));
        version.bumpAll();
    }

    private static Map<String, Object> bundle(String method, int seed, double left, double right) {
        Map<String, Object> claims = Map.of("left.accuracy", left, "right.accuracy", right);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("benchmark", "multifashion");
        manifest.put("backbone", BACKBONE);
        manifest.put("method", method);
        manifest.put("optimizer", "adam");
        manifest.put("gradientLevel", "param");
        manifest.put("seed", seed);
        manifest.put("hyperParameters", Map.of("lr", 0.001, "epochs", 2));
        manifest.put("claims", claims);
        manifest.put(
                "trainingLog",
                List.of(
                        Map.of(
                                "epoch",
                                1,
                                "seconds",
                                1.5,
                                "losses",
                                Map.of("left", 2.1, "right", 2.2),
                                "fd",
                                Map.of("value", 0.2, "meanEntropy", 0.55))));
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
                        60.0,
                        "startedAt",
                        "2026-01-01T10:00:00Z",
                        "finishedAt",
                        "2026-01-01T10:01:00Z",
                        "code",
                        Map.of(
                                "commit",
                                "019dcf3fe011b86400a3de49682e4437fb676753",
                                "commitTime",
                                "2026-12-07T02:55:31Z",
                                "dirty",
                                false)));
    }

    private static Path write(Path dir, String name, Map<String, Object> bundle)
            throws IOException {
        Path file = dir.resolve("multifashion").resolve(name + ".json");
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), bundle);
        return file;
    }

    private static JsonPath board() {
        return given().when()
                .get("/api/leaderboards/multifashion?backbone=" + BACKBONE + "&source=reference")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The start-up path: a changed directory is imported within the one transaction of the call. */
    @Test
    void shouldImportAChangedDirectoryAndSkipItWhenUnchanged() throws IOException {
        Path dir = Files.createTempDirectory("reference");
        write(dir, "stl-1", bundle("stl", 1, 80.0, 78.0));

        assertThat(importer.importChanged(dir)).isEqualTo(1);
        assertThat(importer.importChanged(dir)).isZero();
        write(dir, "stl-2", bundle("stl", 2, 82.0, 80.0));
        assertThat(importer.importChanged(dir)).isEqualTo(1);
        assertThat(board().getList("rows.method.id", String.class)).containsExactly("stl");
    }

    @Test
    void shouldSkipTheTaskGroupingBundlesInTheirSubfolder() throws IOException {
        Path dir = Files.createTempDirectory("reference");
        write(dir, "stl-1", bundle("stl", 1, 80.0, 78.0));
        Path grouping = dir.resolve("multifashion").resolve("task-grouping");
        Files.createDirectories(grouping);
        JSON.writeValue(
                grouping.resolve("encoder-decoder_left+right_full_adam_seed1.json").toFile(),
                Map.of("format", "mtlboard-task-grouping-run/1", "cost", 1.0));

        assertThat(importer.importAll(dir)).isEqualTo(1);
        assertThat(board().getList("rows.method.id", String.class)).containsExactly("stl");
    }

    @Test
    void shouldRegisterReferenceRunsWithDeltaMOnceWhenStlBundlesOfTheBackboneExist()
            throws IOException {
        Path dir = Files.createTempDirectory("reference");
        write(dir, "stl-1", bundle("stl", 1, 80.0, 78.0));
        write(dir, "stl-2", bundle("stl", 2, 82.0, 80.0));
        Path ew = write(dir, "ew-1", bundle("ew", 1, 81.0, 79.0));

        assertThat(importer.importAll(dir)).isEqualTo(3);
        assertThat(importer.importAll(dir)).isZero();

        JsonPath v = board();
        assertThat(v.getList("rows.method.id", String.class))
                .containsExactlyInAnyOrder("stl", "ew");
        int row = v.getList("rows.method.id", String.class).indexOf("ew");
        assertThat(v.getString("rows[" + row + "].source")).isEqualTo("reference");
        assertThat(v.getFloat("rows[" + row + "].metrics.'left.accuracy'.mean")).isEqualTo(81.0f);
        // baseline means 81 and 79: (0 + 0) / 2 per task
        assertThat(v.getFloat("rows[" + row + "].deltaM.perTask.mean"))
                .isCloseTo(0.0f, within(1e-4f));

        long id = v.getLong("rows[" + row + "].runIds[0]");
        JsonPath run =
                given().when().get("/api/runs/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("verified");
        assertThat(run.getString("evaluation.device")).isEqualTo("cpu");
        given().when()
                .get("/api/runs/" + id + "/training-log")
                .then()
                .statusCode(200)
                .body("[0].fd.value", Matchers.equalTo(0.2f));
        given().when()
                .get("/api/runs/" + id + "/log")
                .then()
                .statusCode(200)
                .body(Matchers.containsString("by reference-trainer: VERIFIED"));
        // the page says which code trained the model
        assertThat(run.getString("evaluation.training"))
                .endsWith("Trained by the code of commit 019dcf3fe011 (2026-12-07T02:55:31Z).");
        given().when()
                .get("/runs/" + id)
                .then()
                .statusCode(200)
                .body(
                        Matchers.containsString(
                                "<dd id=\"run-training\">Reference run trained by mtlboard"
                                        + " reference in 60.0 s;"),
                        Matchers.containsString("commit 019dcf3fe011 (2026-12-07T02:55:31Z)."));

        write(dir, "ew-1", bundle("ew", 1, 83.0, 81.0));
        assertThat(importer.importAll(dir)).isEqualTo(1);
        JsonPath updated = board();
        int again = updated.getList("rows.method.id", String.class).indexOf("ew");
        assertThat(updated.getLong("rows[" + again + "].runIds[0]")).isEqualTo(id);
        assertThat(updated.getFloat("rows[" + again + "].metrics.'left.accuracy'.mean"))
                .isEqualTo(83.0f);
        assertThat(
                        given().when()
                                .get("/api/runs/" + id)
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("evaluation.attempt"))
                .isEqualTo(2);
        Files.delete(ew);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRecordTheTrainersDiagnosticsWhenTheBundleCarriesThem() throws IOException {
        Path dir = Files.createTempDirectory("reference");
        Map<String, Object> b = new LinkedHashMap<>(bundle("ew", 3, 80.0, 78.0));
        Map<String, Object> evaluation =
                new LinkedHashMap<>((Map<String, Object>) b.get("evaluation"));
        evaluation.put(
                "diagnostics",
                Map.of(
                        "testFd",
                        Map.of("fd", 0.31, "meanEntropy", 0.478),
                        "corrupted",
                        List.of(
                                Map.of(
                                        "corruption",
                                        "contrast",
                                        "severity",
                                        1,
                                        "metric",
                                        "left.accuracy",
                                        "value",
                                        75.5),
                                Map.of(
                                        "corruption",
                                        "contrast",
                                        "severity",
                                        1,
                                        "metric",
                                        "right.accuracy",
                                        "value",
                                        74.0))));
        b.put("evaluation", evaluation);
        b.put("protocol", Map.of("id", "mf-test", "label", "test protocol", "hash", "abc"));
        write(dir, "ew-3", b);
        assertThat(importer.importAll(dir)).isEqualTo(1);
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Evaluation e =
                                    Evaluation.<Evaluation>find(
                                                    "run.importKey = ?1",
                                                    "reference/multifashion/ew-3.json")
                                            .firstResult();
                            assertThat(e.testFd).isEqualTo(0.31);
                            assertThat(e.testFdMeanEntropy).isEqualTo(0.478);
                            assertThat(e.corruptions).hasSize(2);
                        });
        // a corrupted value for a metric the benchmark lacks is refused
        Map<String, Object> bad = new LinkedHashMap<>(b);
        Map<String, Object> badEvaluation = new LinkedHashMap<>(evaluation);
        badEvaluation.put(
                "diagnostics",
                Map.of(
                        "corrupted",
                        List.of(
                                Map.of(
                                        "corruption",
                                        "contrast",
                                        "severity",
                                        9,
                                        "metric",
                                        "left.accuracy",
                                        "value",
                                        75.5))));
        bad.put("evaluation", badEvaluation);
        write(dir, "ew-4", bad);
        assertThatThrownBy(() -> importer.importAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ew-4.json: evaluation.diagnostics.corrupted");
    }

    @Test
    void shouldListEveryProblemAndImportNothingWhenBundlesAreInvalid() throws IOException {
        Path dir = Files.createTempDirectory("reference");
        Map<String, Object> unknown = new LinkedHashMap<>(bundle("ew", 7, 70.0, 70.0));
        Map<String, Object> manifest =
                new LinkedHashMap<>((Map<String, Object>) unknown.get("manifest"));
        manifest.put("backbone", "no-such-net");
        unknown.put("manifest", manifest);
        write(dir, "unknown-backbone", unknown);
        Map<String, Object> unmeasured = new LinkedHashMap<>(bundle("pcgrad", 7, 70.0, 70.0));
        Map<String, Object> evaluation =
                new LinkedHashMap<>((Map<String, Object>) unmeasured.get("evaluation"));
        evaluation.put("measured", Map.of("left.accuracy", 70.0));
        unmeasured.put("evaluation", evaluation);
        write(dir, "unmeasured", unmeasured);
        write(dir, "fine", bundle("mgda", 7, 70.0, 70.0));

        assertThatThrownBy(() -> importer.importAll(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "unknown-backbone.json: manifest/backbone: unknown backbone 'no-such-net'")
                .hasMessageContaining(
                        "unmeasured.json: evaluation.measured.right.accuracy must be a finite number");
        assertThat(board().getList("rows.method.id", String.class)).doesNotContain("mgda");
    }
}
