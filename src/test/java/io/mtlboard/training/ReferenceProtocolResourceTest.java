package io.mtlboard.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/benchmarks/{id}/protocols}: the reference protocols and their bundles' evidence as
 * JSON, read from the bundled data (the files, not the database) and compared with what the same
 * classes compute from those files.
 */
@QuarkusTest
class ReferenceProtocolResourceTest {

    private static long bundlesOf(Path dir, String hash) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .filter(
                            f -> {
                                try {
                                    return Files.readString(f).contains(hash);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            })
                    .count();
        }
    }

    @Test
    void shouldServeTheProtocolsWithTheirEvidence() throws IOException {
        ReferenceProtocol lenet =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
        JsonPath body =
                given().get("/api/benchmarks/multifashion/protocols")
                        .then()
                        .statusCode(200)
                        .contentType("application/json")
                        .extract()
                        .jsonPath();
        assertThat(body.getList("id", String.class))
                .contains("mf-lenet5-v2", "mf-mobilenet-like-v2", "mf-resnet-narrow-v2");
        String p = "find { it.id == 'mf-lenet5-v2' }";
        assertThat(body.getString(p + ".hash")).isEqualTo(lenet.hash());
        assertThat(body.getInt(p + ".definition.epochs")).isEqualTo(30);
        assertThat(body.getString(p + ".backbone")).isEqualTo("lenet5");
        assertThat(body.getMap(p)).doesNotContainKey("settings");
        // one run row per bundle of the protocol; the convergence counts add up
        long bundles = bundlesOf(Path.of("benchmarks-data/reference/multifashion"), lenet.hash());
        assertThat(body.getList(p + ".evidence.runs")).hasSize((int) bundles);
        int converged = body.getInt(p + ".evidence.converged");
        int plateaued = body.getInt(p + ".evidence.plateaued");
        int rising = body.getInt(p + ".evidence.stillRising");
        long missed =
                body.getList(p + ".evidence.runs.converged").stream()
                        .filter(Boolean.FALSE::equals)
                        .count();
        assertThat(plateaued + rising).isEqualTo((int) missed);
        assertThat(converged + missed).isLessThanOrEqualTo(bundles);
        assertThat(body.getDouble(p + ".evidence.threshold")).isEqualTo(0.3);
        assertThat(body.getList(p + ".evidence.runs[0].tasks.task", String.class))
                .containsExactly("left", "right");
        // the sweep: Adam's EW chose the grid's highest rate by a margin within seed noise, SGD's
        // EW its lowest; every complete sweep of this protocol has a seed std at its chosen rate
        String adamEw = p + ".evidence.sweep.find { it.optimizer == 'adam' && it.method == 'ew' }";
        assertThat(body.getDouble(adamEw + ".chosenRate")).isEqualTo(0.003);
        assertThat(body.getString(adamEw + ".edge")).isEqualTo("highest");
        assertThat(body.getBoolean(adamEw + ".complete")).isTrue();
        assertThat(body.getInt(adamEw + ".grid")).isEqualTo(4);
        assertThat(body.getBoolean(adamEw + ".withinNoise")).isTrue();
        assertThat(body.getInt(adamEw + ".seedRuns")).isEqualTo(5);
        assertThat(body.getDouble(adamEw + ".margin"))
                .isLessThan(2 * body.getDouble(adamEw + ".seedStd"));
        assertThat(body.getList(adamEw + ".candidates")).hasSize(4);
        assertThat(body.getList(adamEw + ".candidates.chosen"))
                .containsExactly(false, false, false, true);
        String sgdEw = p + ".evidence.sweep.find { it.optimizer == 'sgd' && it.method == 'ew' }";
        assertThat(body.getString(sgdEw + ".edge")).isEqualTo("lowest");
        // the coverage: single-task has its seeds under adam · param
        List<Map<String, Object>> rows = body.getList(p + ".evidence.coverage.rows");
        assertThat(rows).extracting(r -> r.get("method")).contains("stl", "ew", "mgda");
        assertThat(body.getList(p + ".evidence.coverage.paired", String.class)).contains("mgda");
    }

    @Test
    void shouldWriteUndefinedNumbersAsNull() {
        // a sweep whose chosen rate has one seed run so far has no seed std, margin or verdict:
        // null, not "NaN"; the bundled study moves on, so every sweep of every benchmark is
        // checked against its own number of seed runs
        int sweeps = 0;
        int undefined = 0;
        for (String benchmark : List.of("multifashion", "fashionscenes")) {
            String json = given().get("/api/benchmarks/" + benchmark + "/protocols").asString();
            assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
            List<Map<String, Object>> all = JsonPath.from(json).getList("evidence.sweep.flatten()");
            for (Map<String, Object> w : all) {
                sweeps++;
                int seedRuns = ((Number) w.get("seedRuns")).intValue();
                if (seedRuns < 2) {
                    undefined++;
                    assertThat(w).as(w.toString()).containsEntry("seedStd", null);
                    assertThat(w).as(w.toString()).containsEntry("withinNoise", null);
                } else {
                    assertThat(w.get("seedStd")).as(w.toString()).isNotNull();
                }
            }
        }
        assertThat(sweeps).isGreaterThan(0);
        // while the FashionScenes seed runs are not all in, some chosen rates have one seed run
        // (FiniteOrNullTest covers the null writing without the bundled data)
        assertThat(undefined).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldAnswerABenchmarkWithoutProtocolsWithAnEmptyList() {
        given().get("/api/benchmarks/nyuv2/protocols").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void shouldAnswerAnUnknownBenchmarkWithAProblem() {
        given().get("/api/benchmarks/imagenet/protocols")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("No benchmark 'imagenet'"));
        given().get("/api/benchmarks/..%2F..%2Fetc/protocols")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
