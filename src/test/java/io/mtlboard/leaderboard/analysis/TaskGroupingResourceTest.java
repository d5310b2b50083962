package io.mtlboard.leaderboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET/POST /api/analysis/task-grouping}: the built-in example and hand-made pasted tables. */
@QuarkusTest
class TaskGroupingResourceTest {

    /**
     * Three tasks, every subset on a full-size network. By hand: budget 1 allows only {a,b,c}
     * (0.85 + 0.75 + 0.75 = 2.35); budget 2 is best with {a,b} and {b,c} (0.8 + 0.7 + 0.7 = 2.2);
     * budget 3 adds nothing (2.2 at cost 2). The approximation predicts {a,b,c} as (0.85, 0.75, 0.8).
     */
    static final String THREE = """
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
        return given().contentType("text/csv").body(csv).when().post("/api/analysis/task-grouping" + query).then()
                .statusCode(200).extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    @Test
    void shouldSolveAHandMadeTableForEveryBudget() {
        JsonPath v = post(THREE, "?budget=2");
        assertThat(v.getString("input")).isEqualTo("pasted");
        assertThat(v.getList("tasks", String.class)).containsExactly("a", "b", "c");
        assertThat(v.getList("networks")).hasSize(7);
        assertThat(v.getList("curve.budget", Double.class)).containsExactly(1.0, 1.5, 2.0, 2.5, 3.0);
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
        assertThat(v.getList("notes", String.class)).containsExactly(
                "No set of networks covers every task within a budget of 0.7.");
    }

    @Test
    void shouldServeTheLabelledHandMadeExample() {
        JsonPath v = given().when().get("/api/analysis/task-grouping").then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(v.getString("input")).isEqualTo("example");
        assertThat(v.getString("title")).contains("Hand-made example").contains("not measured");
        assertThat(v.getList("tasks", String.class)).containsExactly("seg", "depth", "normal", "edge");
        assertThat(v.getString("csv")).startsWith("# Hand-made example");
        // by exhaustive search: budget 2 → {seg, depth} + {depth, normal, edge} = 1.31; four half-size
        // networks 1.57; the all-task network 1.37
        assertThat(v.getDouble("selected.budget")).isEqualTo(2.0);
        assertThat(v.getDouble("selected.exactLoss")).isCloseTo(1.31, within(1e-9));
        assertThat(v.getDouble("selected.independentLoss")).isCloseTo(1.57, within(1e-9));
        assertThat(v.getDouble("selected.allInOneLoss")).isCloseTo(1.37, within(1e-9));
        assertThat(v.getDouble("curve[6].exactLoss")).isCloseTo(1.28, within(1e-9));
    }

    @Test
    void shouldListEveryProblemOfAPastedTableAndOfTheBudget() {
        given().contentType("text/csv").body("cost,a,b\n1,0.5,x\n-1,0.3,\n").when()
                .post("/api/analysis/task-grouping?budget=lots").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("budget", "line 2, column b", "line 3, column cost"))
                .body("violations.find { it.field == 'budget' }.message", containsString("must be a number"));
        given().when().get("/api/analysis/task-grouping?budget=0").then().statusCode(400)
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("budget"));
    }
}
