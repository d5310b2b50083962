package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code GET/POST /api/analysis/task-grouping}: the built-in Standley et al. data set and hand-made pasted tables. */
@QuarkusTest
class TaskGroupingResourceTest {

    /**
     * Three tasks, every subset on a full-size network. By hand: budget 1 allows only {a,b,c}
     * (0.85 + 0.75 + 0.75 = 2.35); budget 2 is best with {a,b} and {b,c} (0.8 + 0.7 + 0.7 = 2.2);
     * budget 3 adds nothing (2.2 at cost 2). The approximation predicts {a,b,c} as (0.85, 0.75, 0.8).
     */
    static final String THREE =
            """
            cost,a,b,c
            1,1.0,,
            1,,1.0,
            1,,,1.0
            1,0.8,0.8,
            1,0.9,,0.9
            1,,0.7,0.7
            1,0.85,0.75,0.75
            """;

    private static JsonPath post(String csv, String query) {
        return given().contentType("text/csv")
                .body(csv)
                .when()
                .post("/api/analysis/task-grouping" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void shouldSolveAHandMadeTableForEveryBudget() {
        JsonPath v = post(THREE, "?budget=2");
        assertThat(v.getString("input")).isEqualTo("pasted");
        assertThat(v.getList("tasks", String.class)).containsExactly("a", "b", "c");
        assertThat(v.getList("networks")).hasSize(7);
        assertThat(v.getList("curve.budget", Double.class))
                .containsExactly(1.0, 1.5, 2.0, 2.5, 3.0);
        assertThat(v.getDouble("curve[0].exactLoss")).isCloseTo(2.35, within(1e-9));
        assertThat(v.getDouble("curve[0].approximationPredictedLoss")).isCloseTo(2.4, within(1e-9));
        assertThat(v.getDouble("curve[0].approximationLoss")).isCloseTo(2.35, within(1e-9));
        assertThat(v.getDouble("curve[0].allInOneLoss")).isCloseTo(2.35, within(1e-9));
        assertThat(v.getString("curve[0].independentLoss")).isNull();
        assertThat(v.getDouble("curve[2].exactLoss")).isCloseTo(2.2, within(1e-9));
        assertThat(v.getDouble("curve[2].approximationLoss")).isCloseTo(2.2, within(1e-9));
        assertThat(v.getDouble("curve[4].exactLoss")).isCloseTo(2.2, within(1e-9));
        assertThat(v.getDouble("curve[4].exact.cost")).isEqualTo(2.0);
        assertThat(v.getDouble("curve[4].independentLoss")).isCloseTo(3.0, within(1e-9));
        assertThat(v.getDouble("selected.budget")).isEqualTo(2.0);
        List<List<String>> chosen = v.getList("selected.exact.networks.tasks");
        assertThat(chosen).containsExactlyInAnyOrder(List.of("a", "b"), List.of("b", "c"));
        assertThat(v.getDouble("selected.exact.taskLosses.b")).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void shouldDetailABudgetOffTheGrid() {
        JsonPath v = post(THREE, "?budget=0.7");
        assertThat(v.getDouble("selected.budget")).isEqualTo(0.7);
        assertThat(v.getString("selected.exactLoss")).isNull();
        assertThat(v.getList("notes", String.class))
                .containsExactly("No set of networks covers every task within a budget of 0.7.");
    }

    @Test
    void shouldServeStandleySettingOneByDefaultChosenOnValidationAndScoredOnTest() {
        JsonPath v =
                given().when()
                        .get("/api/analysis/task-grouping?budget=2.5")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(v.getString("input")).isEqualTo("standley2020-setting1");
        assertThat(v.getString("title")).isEqualTo("Standley et al. 2020, Setting 1 (Taskonomy)");
        assertThat(v.getString("source.paper")).isEqualTo("https://arxiv.org/abs/1905.07553");
        assertThat(v.getString("source.protocol"))
                .contains("validation")
                .contains("test")
                .contains("20 %");
        assertThat(v.getList("tasks", String.class))
                .containsExactly("semseg", "depth", "normals", "keypoints", "edges");
        assertThat(v.getList("networks")).hasSize(36);
        assertThat(v.getDouble("networks[0].losses.semseg")).isEqualTo(0.08021);
        assertThat(v.getDouble("networks[0].evaluationLosses.semseg")).isEqualTo(0.07742);
        assertThat(v.getDouble("networks[0].earlyStoppingLosses.semseg")).isEqualTo(0.2743);
        // the published optimal curve from budget 1.5 on (METRICS.md §6; StandleySettingOneTest has
        // all strategies)
        assertThat(v.getDouble("curve[1].exactLoss")).isCloseTo(0.46132, within(5e-6));
        assertThat(v.getDouble("curve[2].exactLoss")).isCloseTo(0.45224, within(5e-6));
        assertThat(v.getDouble("selected.budget")).isEqualTo(2.5);
        assertThat(v.getDouble("selected.exactLoss")).isCloseTo(0.44612, within(5e-6));
        assertThat(v.getDouble("selected.earlyStoppingLoss")).isCloseTo(0.46063, within(5e-6));
        assertThat(v.getDouble("selected.approximationLoss")).isCloseTo(0.4505, within(5e-6));
        assertThat(v.getDouble("selected.exact.cost")).isLessThanOrEqualTo(2.5);
        assertThat(v.getList("published.strategy", String.class))
                .contains("optimal", "hoa", "esa", "random", "worst");
        assertThat(v.getList("published.find { it.strategy == 'optimal' }.values", Double.class))
                .startsWith(0.50273, 0.46132, 0.45224);
        // every published point of a recomputed strategy is compared; disagreements carry a reason
        List<Map<String, Object>> disagreements = v.getList("comparison.findAll { !it.agrees }");
        assertThat(disagreements)
                .extracting(m -> m.get("strategy") + "@" + m.get("budget"))
                .containsExactlyInAnyOrder(
                        "optimal@1.0",
                        "esa@1.0",
                        "all_in_one@1.0",
                        "all_in_one@2.0",
                        "all_in_one@2.5",
                        "all_in_one@4.0",
                        "independent@1.0",
                        "independent@1.5",
                        "independent@2.0",
                        "independent@4.0",
                        "independent@5.0");
        assertThat(disagreements).allSatisfy(m -> assertThat((String) m.get("note")).isNotBlank());
        assertThat(v.getDouble("affinity.change[0][1]")).isCloseTo(-5.41, within(0.005));
        assertThat(v.getList("datasets.id", String.class)).contains("standley2020-setting1");
    }

    @Test
    void shouldRefuseAnUnknownDataSetListingTheInstalledOnes() {
        given().when()
                .get("/api/analysis/task-grouping?dataset=taskonomy-9")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", Matchers.equalTo("dataset"))
                .body("violations[0].message", containsString("standley2020-setting1"));
    }

    @Test
    void shouldListEveryProblemOfAPastedTableAndOfTheBudget() {
        given().contentType("text/csv")
                .body("cost,a,b\n1,0.5,x\n-1,0.3,\n")
                .when()
                .post("/api/analysis/task-grouping?budget=lots")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.field",
                        hasItems("budget", "line 2, column b", "line 3, column cost"))
                .body(
                        "violations.find { it.field == 'budget' }.message",
                        containsString("must be a number"));
        given().when()
                .get("/api/analysis/task-grouping?budget=0")
                .then()
                .statusCode(400)
                .body("violations[0].field", Matchers.equalTo("budget"));
    }

    static final Path MEASURED = Path.of("benchmarks-data/task-grouping/fashionscenes-measured");

    /**
     * The sum of the test losses of the network solving every task: at budget 1 the only choice
     * covering all tasks (two half-size networks cover only two), computed from the CSV by hand.
     */
    private static double allTaskTestLoss() throws Exception {
        for (String line : Files.readAllLines(MEASURED.resolve("test.csv"))) {
            String[] cells = line.split(",", -1);
            if (!line.startsWith("#") && !line.startsWith("cost") && cells.length == 4) {
                if (!cells[1].isEmpty() && !cells[2].isEmpty() && !cells[3].isEmpty()) {
                    return Double.parseDouble(cells[1])
                            + Double.parseDouble(cells[2])
                            + Double.parseDouble(cells[3]);
                }
            }
        }
        throw new AssertionError("no all-task network in test.csv");
    }

    @Test
    void shouldOfferAndComputeTheMeasuredFashionScenesDataSet() throws Exception {
        Assumptions.assumeTrue(
                Files.isRegularFile(MEASURED.resolve("dataset.json")),
                "the measured data set is written by mtlboard reference --task-grouping");
        JsonPath v =
                given().when()
                        .get("/api/analysis/task-grouping?dataset=fashionscenes-measured&budget=1")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(v.getList("datasets.id", String.class))
                .contains("fashionscenes-measured", "standley2020-setting1");
        assertThat(v.getList("tasks", String.class))
                .containsExactly("segmentation", "depth", "normal");
        assertThat(v.getList("networks")).hasSize(10);
        assertThat(v.getString("taskLabels.normal")).isEqualTo("Surface normals");
        assertThat(v.getString("source.protocol")).contains("one seed").contains("1,280");
        assertThat(v.getList("published")).isEmpty();
        assertThat(v.getList("comparison")).isEmpty();
        assertThat(v.getDouble("selected.exactLoss")).isCloseTo(allTaskTestLoss(), within(1e-9));
        assertThat(v.getDouble("selected.exact.cost")).isEqualTo(1.0);
        given().when()
                .get("/analysis/task-grouping?dataset=fashionscenes-measured")
                .then()
                .statusCode(200)
                .body(containsString("<strong>Measured by MTLBoard</strong>"))
                .body(containsString("no published curves"))
                .body(containsString("FashionScenes, measured by MTLBoard"));
    }
}
