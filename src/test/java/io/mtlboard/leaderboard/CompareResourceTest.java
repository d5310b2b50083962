package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/leaderboards/{id}/compare} and the compare page: rows side by side, and their errors. */
@QuarkusTest
class CompareResourceTest {

    private static final String DBMTL = "deeplabv3plus-resnet50@dbmtl-2023";

    private static JsonPath board() {
        return given().get("/api/leaderboards/nyuv2?size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Keys of the ranked rows of a setting, best first. */
    private static List<String> ranked(JsonPath board, String setting) {
        List<Map<String, Object>> rows = board.getList("rows");
        return rows.stream()
                .filter(r -> "ranked".equals(r.get("role")))
                .filter(r -> setting.equals(((Map<?, ?>) r.get("setting")).get("id")))
                .map(r -> (String) r.get("key"))
                .toList();
    }

    @Test
    void shouldCompareRowsOfOneSettingMarkingTheBetterValuePerMetric() {
        JsonPath board = board();
        List<String> keys = ranked(board, DBMTL);
        assertThat(keys).hasSizeGreaterThanOrEqualTo(3);
        // every row has a distinct key that names its grouping
        List<String> all = board.getList("rows.key", String.class);
        assertThat(all).doesNotHaveDuplicates().allMatch(k -> k.split("~").length == 5);
        String first = keys.get(0);
        String last = keys.get(keys.size() - 1);
        JsonPath v =
                given().queryParam("rows", first + "," + last)
                        .get("/api/leaderboards/nyuv2/compare")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertThat(v.getList("rows.key", String.class)).containsExactly(first, last);
        // the better Δm is the first-ranked row's
        assertThat(v.getList("bestDeltaM.per-task", String.class)).containsExactly(first);
        // per metric the row with the better mean in the metric's direction is marked
        List<Map<String, Object>> metrics = v.getList("metrics");
        for (Map<String, Object> m : metrics) {
            String key = (String) m.get("key");
            Float a = v.getFloat("rows[0].row.metrics.'" + key + "'.mean");
            Float b = v.getFloat("rows[1].row.metrics.'" + key + "'.mean");
            if (a == null || b == null || a.equals(b)) {
                continue;
            }
            boolean higher = (Boolean) m.get("higherIsBetter");
            String better = (higher ? a > b : a < b) ? first : last;
            assertThat(v.getList("best.'" + key + "'", String.class))
                    .as(key)
                    .containsExactly(better);
        }
        // rows of one setting and optimizer share their baseline; Δm per task for every task
        String optimizerA = v.getString("rows[0].row.optimizer");
        String optimizerB = v.getString("rows[1].row.optimizer");
        if (optimizerA.equals(optimizerB)) {
            assertThat(v.getBoolean("sameBaseline")).isTrue();
        }
        assertThat(v.getMap("rows[0].deltaMPerTask").keySet())
                .containsExactlyElementsOf(v.getList("tasks", String.class));
        // a published row has no training log to plot
        assertThat(v.getBoolean("rows[0].hasTrainingLog")).isFalse();
        // published rows stand for one mean without a std per metric: the better one is not
        // judged against seed noise
        int unjudged = 0;
        for (Map<String, Object> m : metrics) {
            String key = (String) m.get("key");
            String verdict = v.getString("verdicts.'" + key + "'");
            if (v.getList("best.'" + key + "'").isEmpty()) {
                assertThat(verdict).as(key).isNull();
                continue;
            }
            boolean noStd =
                    v.get("rows[0].row.metrics.'" + key + "'.std") == null
                            || v.get("rows[1].row.metrics.'" + key + "'.std") == null;
            if (noStd) {
                assertThat(verdict).as(key).isEqualTo("not-judged");
                unjudged++;
            } else {
                assertThat(verdict).as(key).isIn("clear", "within-noise");
            }
        }
        assertThat(unjudged).isPositive();
        assertThat(v.getMap("deltaMVerdicts").keySet()).containsExactly("per-task", "flat");
        assertThat(v.getString("deltaMVerdicts.per-task"))
                .isIn("clear", "within-noise", "not-judged");
    }

    @Test
    void shouldSayWhenRowsOfDifferentSettingsHaveDifferentBaselines() {
        JsonPath board = board();
        String other =
                board.getList("settings.id", String.class).stream()
                        .filter(s -> !s.equals(DBMTL))
                        .filter(s -> !ranked(board, s).isEmpty())
                        .findFirst()
                        .orElseThrow();
        given().queryParam("rows", ranked(board, DBMTL).get(0))
                .queryParam("rows", ranked(board, other).get(0))
                .get("/api/leaderboards/nyuv2/compare")
                .then()
                .statusCode(200)
                .body("sameBaseline", equalTo(false))
                .body("baselineNote", containsString("different settings"))
                .body("rows", hasSize(2));
    }

    @Test
    void shouldRejectTooFewTooManyOrUnknownRows() {
        List<String> keys = ranked(board(), DBMTL);
        given().queryParam("rows", keys.get(0))
                .get("/api/leaderboards/nyuv2/compare")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("rows"))
                .body("violations.message", hasItem(containsString("choose 2 to 4 rows")));
        given().queryParam("rows", String.join(",", keys.subList(0, 5)))
                .get("/api/leaderboards/nyuv2/compare")
                .then()
                .statusCode(400)
                .body("violations.message", hasItem(containsString("5 given")));
        given().get("/api/leaderboards/nyuv2/compare")
                .then()
                .statusCode(400)
                .body("violations.message", hasItem(containsString("0 given")));
        given().queryParam("rows", keys.get(0) + ",nope~ew~adam~param~verified")
                .get("/api/leaderboards/nyuv2/compare")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "violations.message",
                        hasItem(containsString("'nope~ew~adam~param~verified' is not a row")));
        given().queryParam("rows", "a,b")
                .get("/api/leaderboards/no-such-benchmark/compare")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldRenderTheComparePageAndAReadableErrorPage() {
        List<String> keys = ranked(board(), DBMTL);
        given().accept("text/html")
                .queryParam("rows", keys.get(0) + "," + keys.get(1))
                .get("/leaderboards/nyuv2/compare")
                .then()
                .statusCode(200)
                .body(containsString("id=\"compare-table\""))
                .body(containsString("data-key=\"" + keys.get(0) + "\""))
                .body(containsString("data-key=\"" + keys.get(1) + "\""))
                .body(containsString("None of these rows has a training log"))
                .body(containsString("data-verdict=\"not-judged\""))
                .body(containsString("not judged (no std)"));
        given().accept("text/html")
                .queryParam("rows", keys.get(0))
                .get("/leaderboards/nyuv2/compare")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("choose 2 to 4 rows"));
    }
}
