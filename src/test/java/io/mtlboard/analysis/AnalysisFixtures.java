package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.run.EvaluationRecord;
import io.mtlboard.run.RunService;
import io.quarkus.arc.Arc;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the analysis fixtures (fixtures/analysis, written by its make_fixtures.py) into the test
 * application: every run bundle through {@code POST /api/runs} with the admin token, and for the
 * runs listed in evaluations.json an evaluation and worker diagnostics as the worker records them.
 * Idempotent: submissions carry a fixed Idempotency-Key and records are per attempt, so every test
 * class may load the fixtures and all see the same data.
 */
public final class AnalysisFixtures {

    static final Path DIR = Path.of("src/test/resources/fixtures/analysis");
    private static final String ADMIN = "Bearer test-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisFixtures() {}

    /** The JSON body of a 200 response to a GET, numbers read as doubles (not floats). */
    static JsonPath json(String pathAndQuery) {
        return given().when()
                .get(pathAndQuery)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** Fixture name → run id. */
    public static Map<String, Long> load() {
        Map<String, Long> ids = new TreeMap<>();
        try (Stream<Path> files = Files.list(DIR.resolve("runs"))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".json", "");
                int status = 0;
                JsonPath run = null;
                var response =
                        given().header("Authorization", ADMIN)
                                .header("Idempotency-Key", "analysis-fixture-" + name)
                                .multiPart("manifest", Files.readString(file))
                                .when()
                                .post("/api/runs");
                status = response.statusCode();
                run = response.jsonPath();
                if (status != 201 && status != 200) {
                    throw new IllegalStateException(
                            "fixture " + name + " refused: " + response.asString());
                }
                ids.put(name, run.getLong("id"));
            }
            record(ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static void record(Map<String, Long> ids) throws IOException {
        RunService runs = Arc.container().instance(RunService.class).get();
        JsonNode evaluations = JSON.readTree(DIR.resolve("evaluations.json").toFile());
        for (var it = evaluations.fields(); it.hasNext(); ) {
            var entry = it.next();
            long id = ids.get(entry.getKey());
            JsonNode claims =
                    JSON.readTree(DIR.resolve("runs").resolve(entry.getKey() + ".json").toFile())
                            .get("claims");
            Map<String, Double> measured = new HashMap<>();
            Map<String, Boolean> agrees = new HashMap<>();
            claims.fields()
                    .forEachRemaining(
                            c -> {
                                measured.put(c.getKey(), c.getValue().doubleValue());
                                agrees.put(c.getKey(), true);
                            });
            OffsetDateTime now = OffsetDateTime.now();
            runs.recordEvaluation(
                    id,
                    1,
                    new EvaluationRecord(
                            "fixture",
                            "fixture-worker",
                            "cpu",
                            "VERIFIED",
                            null,
                            1000L,
                            1.0,
                            100.0,
                            "fixture evaluation",
                            now,
                            now,
                            measured,
                            agrees));
            List<EvaluationDiagnostics.Corrupted> corrupted = new ArrayList<>();
            for (JsonNode c : entry.getValue().get("corrupted")) {
                corrupted.add(
                        new EvaluationDiagnostics.Corrupted(
                                c.get("corruption").asText(),
                                c.get("severity").asInt(),
                                c.get("metricKey").asText(),
                                c.get("measured").asDouble()));
            }
            JsonNode fd = entry.getValue().get("testFd");
            JsonNode entropy = entry.getValue().get("testFdMeanEntropy");
            runs.recordDiagnostics(
                    id,
                    1,
                    new EvaluationDiagnostics(
                            fd == null || fd.isNull() ? null : fd.asDouble(),
                            entropy == null || entropy.isNull() ? null : entropy.asDouble(),
                            corrupted));
        }
    }
}
