package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mtlboard.submission.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** A submitter's second run of the same setting and seed replaces the first on the leaderboard. */
@QuarkusTest
class ResubmissionTest {

    private static long submit(String token, String manifest) {
        return given().header("Authorization", token)
                .multiPart("manifest", manifest)
                .when()
                .post("/api/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("id");
    }

    /** The claimed FAMO row of Office-Home that holds the given run. */
    private static Map<String, Object> rowOf(long runId) {
        JsonPath v =
                given().when()
                        .get("/api/leaderboards/office-home?source=claimed&method=famo&size=1000")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> rows = v.getList("rows");
        return rows.stream()
                .filter(r -> ((List<?>) r.get("runIds")).contains((int) runId))
                .findFirst()
                .orElse(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCountAResubmittedSeedOnceAndMarkTheEarlierRunSuperseded() {
        String token = Tokens.create("hedy", 10, 2);
        long first = submit(token, SubmissionResourceTest.manifest(4242, 60.0));
        long second = submit(token, SubmissionResourceTest.manifest(4242, 62.0));
        Map<String, Object> row = rowOf(second);
        assertThat(row).isNotNull();
        assertThat((List<Object>) row.get("runIds")).doesNotContain((int) first);
        assertThat(rowOf(first)).isNull();
        // the earlier run stays reachable, marked superseded by the later one
        given().when()
                .get("/api/runs/" + first)
                .then()
                .statusCode(200)
                .body("supersededBy", equalTo((int) second));
        given().when()
                .get("/api/runs/" + second)
                .then()
                .statusCode(200)
                .body("supersededBy", equalTo(null));
        given().when()
                .get("/runs/" + first)
                .then()
                .statusCode(200)
                .body(
                        Matchers.containsString(
                                "superseded</span> by <a href=\"/runs/" + second + "\""));
        // another submitter's run of the same seed is a run of its own, averaged into the same seed
        String other = Tokens.create("ida", 10, 2);
        long third = submit(other, SubmissionResourceTest.manifest(4242, 64.0));
        assertThat((List<Object>) rowOf(third).get("runIds")).contains((int) second);
    }
}
