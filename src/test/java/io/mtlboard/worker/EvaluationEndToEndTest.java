package io.mtlboard.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Submits real TorchScript models over the API and waits for the in-process worker to evaluate
 * them in its sandboxed child JVM with DJL: a good model is verified with its corrupted-split
 * measurements (and FD when it exports encode/decode) visible in the analysis API, inflated claims
 * are discrepant, odd or hostile encode/decode methods cost the diagnostics but not the verdict,
 * and every broken model is rejected with its reason while the portal keeps serving.
 */
@QuarkusTest
@TestProfile(WorkerEnabledProfile.class)
class EvaluationEndToEndTest {

    private static final Path MODELS = Path.of("src/test/resources/models");
    private static final Set<String> FINAL = Set.of("verified", "discrepant", "rejected", "failed");

    private static String token() {
        return "Bearer "
                + given().header("Authorization", "Bearer test-admin-token")
                        .contentType("application/json")
                        .body(Map.of("name", "e2e", "runsPerDay", 100, "maxConcurrent", 20))
                        .when()
                        .post("/api/tokens")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getString("secret");
    }

    private static String goodManifest(double inflate) throws IOException {
        String text = Files.readString(MODELS.resolve("multifashion-good.json"));
        if (inflate == 0) {
            return text;
        }
        JsonPath m = JsonPath.from(text);
        double left = m.getDouble("claims.'left.accuracy'");
        return text.replace(
                        String.valueOf(m.getFloat("claims.'left.accuracy'")),
                        String.valueOf(left + inflate))
                .replace("\"seed\": 7", "\"seed\": 8");
    }

    private static long submit(String token, String manifest, byte[] model) {
        return given().header("Authorization", token)
                .multiPart("manifest", manifest)
                .multiPart("model", "model.pt", model)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    private static JsonPath awaitFinal(long id, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath run =
                    given().when()
                            .get("/api/runs/" + id)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            // the verdict is published before the diagnostics: wait for those too (no progress)
            if (FINAL.contains(run.getString("status")) && run.get("progress") == null) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + id + " did not finish within " + limit);
    }

    private static byte[] hostileZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String e : List.of("model/data.pkl", "model/version", "model/code/__torch__.py")) {
                zip.putNextEntry(new ZipEntry(e));
                zip.write("\u0080\u0002}q\u0000(X\u0005evil!".getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldVerifyAGoodModelAndRejectBrokenOnesWithReasons() throws Exception {
        String token = token();
        String manifest = goodManifest(0);
        long good =
                submit(token, manifest, Files.readAllBytes(MODELS.resolve("multifashion-good.pt")));
        long inflated =
                submit(
                        token,
                        goodManifest(5.0),
                        Files.readAllBytes(MODELS.resolve("multifashion-good.pt")));
        // the same trained network, also exporting encode/decode: the same claims hold
        long encdec =
                submit(
                        token,
                        manifest.replace("\"seed\": 7", "\"seed\": 9"),
                        Files.readAllBytes(MODELS.resolve("multifashion-encdec.pt")));
        // valid forward, odd encode: the diagnostics fail, the verdict (their toy forward misses
        // the claims) stands
        Map<Long, String> oddDiagnostics = new LinkedHashMap<>();
        oddDiagnostics.put(
                submit(
                        token,
                        manifest.replace("\"seed\": 7", "\"seed\": 10"),
                        Files.readAllBytes(MODELS.resolve("encdec-bad-signature.pt"))),
                "FD not measured: encode/decode failed");
        oddDiagnostics.put(
                submit(
                        token,
                        manifest.replace("\"seed\": 7", "\"seed\": 11"),
                        Files.readAllBytes(MODELS.resolve("encdec-memory-hog.pt"))),
                "the evaluation process stopped before the diagnostics finished (memory cap of 3072 MiB)");
        Map<Long, String> broken = new LinkedHashMap<>();
        Map<String, String> reasons =
                Map.of(
                        "wrong-count.pt", "returned 1 output(s) but multifashion has 2 tasks",
                        "wrong-shape.pt", "has shape [100, 5] but [100, 10] was expected",
                        "nan-output.pt", "contains NaN values",
                        "never-ends.pt", "did not finish within 40 s",
                        "memory-hog.pt", "memory");
        int seed = 100;
        for (Map.Entry<String, String> e : reasons.entrySet()) {
            broken.put(
                    submit(
                            token,
                            manifest.replace("\"seed\": 7", "\"seed\": " + seed++),
                            Files.readAllBytes(MODELS.resolve(e.getKey()))),
                    e.getValue());
        }
        broken.put(
                submit(token, manifest.replace("\"seed\": 7", "\"seed\": " + seed), hostileZip()),
                "could not be loaded as TorchScript");

        JsonPath verified = awaitFinal(good, Duration.ofMinutes(4));
        assertThat(verified.getString("status"))
                .as(verified.getString("evaluation.reason"))
                .isEqualTo("verified");
        assertThat(verified.getString("badge")).isEqualTo("verified");
        JsonPath claims = JsonPath.from(manifest);
        for (String key : List.of("left.accuracy", "right.accuracy")) {
            assertThat(verified.getDouble("values.find { it.key == '" + key + "' }.measured"))
                    .isCloseTo(claims.getDouble("claims.'" + key + "'"), within(0.1));
            assertThat(verified.getBoolean("values.find { it.key == '" + key + "' }.agrees"))
                    .isTrue();
        }
        assertThat(verified.getString("evaluation.device")).isEqualTo("cpu");
        assertThat(verified.getDouble("evaluation.latencyMs")).isPositive();
        assertThat(verified.getDouble("evaluation.throughput")).isPositive();
        given().when()
                .get("/api/leaderboards/multifashion?source=verified")
                .then()
                .statusCode(200)
                .body("rows.runIds.flatten()", Matchers.hasItem((int) good));
        given().when()
                .get("/api/runs/" + good + "/log")
                .then()
                .statusCode(200)
                .body(containsString("attempt 1"))
                .body(containsString("VERIFIED"))
                .body(
                        containsString(
                                "FD not measured: the artifact does not export encode(x) and decode(z)"))
                .body(
                        containsString(
                                "robustness: 5 of 5 corrupted passes over the whole test split"));

        JsonPath withFd = awaitFinal(encdec, Duration.ofMinutes(4));
        assertThat(withFd.getString("status")).isEqualTo("verified");
        given().when()
                .get("/api/runs/" + encdec + "/log")
                .then()
                .statusCode(200)
                .body(containsString("FD on the test split"));
        diagnosticsAreVisibleThroughTheAnalysisApi();

        JsonPath discrepant = awaitFinal(inflated, Duration.ofMinutes(2));
        assertThat(discrepant.getString("status")).isEqualTo("discrepant");
        assertThat(discrepant.getBoolean("values.find { it.key == 'left.accuracy' }.agrees"))
                .isFalse();
        assertThat(discrepant.getBoolean("values.find { it.key == 'right.accuracy' }.agrees"))
                .isTrue();

        for (Map.Entry<Long, String> e : oddDiagnostics.entrySet()) {
            JsonPath run = awaitFinal(e.getKey(), Duration.ofMinutes(2));
            assertThat(run.getString("status")).as("run %d", e.getKey()).isEqualTo("discrepant");
            given().when()
                    .get("/api/runs/" + e.getKey() + "/log")
                    .then()
                    .statusCode(200)
                    .body(containsString(e.getValue()));
        }
        for (Map.Entry<Long, String> e : broken.entrySet()) {
            JsonPath run = awaitFinal(e.getKey(), Duration.ofMinutes(3));
            assertThat(run.getString("status")).as("run %d", e.getKey()).isEqualTo("rejected");
            assertThat(run.getString("evaluation.reason"))
                    .as("run %d", e.getKey())
                    .contains(e.getValue());
            // rejected before a result named the device it ran on: none is recorded, not "?"
            assertThat(run.getString("evaluation.device")).as("run %d", e.getKey()).isNull();
        }
        given().when().get("/q/health").then().statusCode(200);
    }

    /** The EW row of LeNet-5 holds the two verified runs: robustness curves from both, FD from one. */
    private static void diagnosticsAreVisibleThroughTheAnalysisApi() {
        // the verified rows only: other tests may leave EW rows of other sources on the same
        // backbone
        JsonPath robustness =
                given().queryParam("benchmark", "multifashion")
                        .queryParam("backbone", "lenet5")
                        .queryParam("source", "verified")
                        .queryParam("corruption", "gaussian_noise")
                        .when()
                        .get("/api/analysis/robustness")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(robustness.getString("message")).doesNotStartWith("No data yet");
        assertThat(
                        robustness.getList(
                                "series.find { it.method == 'ew' }.points.severity", Integer.class))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(robustness.getInt("series.find { it.method == 'ew' }.runs"))
                .isGreaterThanOrEqualTo(2);
        assertThat(robustness.getDouble("series.find { it.method == 'ew' }.points[4].mean"))
                .as("accuracy drops under severe noise")
                .isPositive();

        JsonPath fd =
                given().queryParam("benchmark", "multifashion")
                        .queryParam("backbone", "lenet5")
                        .queryParam("source", "verified")
                        .when()
                        .get("/api/analysis/feature-disentanglement")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(fd.getString("measured.message")).isNull();
        assertThat(fd.getDouble("measured.rows.find { it.method == 'ew' }.fd.mean"))
                .isBetween(0.0, 1.0);
        assertThat(fd.getInt("measured.rows.find { it.method == 'ew' }.fd.n")).isEqualTo(1);
    }
}
