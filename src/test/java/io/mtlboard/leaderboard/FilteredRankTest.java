package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.mtlboard.imports.WithBundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A filter that leaves out rows of a setting ranks the rest among themselves; each of them then
 * carries its rank on the whole board, which is the rank the unfiltered board gives it.
 */
@QuarkusTest
class FilteredRankTest extends WithBundledReferenceRuns {

    private static final String SETTING = "lenet5@mf-lenet5-v2";

    /** The setting's board, with only the rows of {@code methods} when any are named. */
    private static JsonPath board(String... methods) {
        var request = given().queryParam("setting", SETTING).queryParam("size", 500);
        if (methods.length > 0) {
            request = request.queryParam("method", (Object[]) methods);
        }
        return request.when()
                .get("/api/leaderboards/multifashion")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void shouldShowTheWholeBoardsRankBesideTheRankAmongTheFilteredRows() {
        JsonPath whole = board();
        Map<String, Integer> boardRanks = new HashMap<>();
        List<Map<String, Object>> all = whole.getList("rows");
        all.forEach(r -> boardRanks.put((String) r.get("key"), (Integer) r.get("rank")));
        long ranked = all.stream().filter(r -> r.get("rank") != null).count();
        assertThat(all).allSatisfy(r -> assertThat(r.get("boardRank")).isNull());

        List<Map<String, Object>> rows = board("db-mtl", "moco", "mgda").getList("rows");
        List<Map<String, Object>> rankedRows =
                rows.stream().filter(r -> r.get("rank") != null).toList();
        assertThat(rankedRows).hasSizeGreaterThanOrEqualTo(3);
        for (Map<String, Object> r : rankedRows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> b = (Map<String, Object>) r.get("boardRank");
            assertThat(b.get("rank")).isEqualTo(boardRanks.get((String) r.get("key")));
            assertThat(((Number) b.get("of")).longValue()).isEqualTo(ranked);
            assertThat((Integer) r.get("rank")).isLessThanOrEqualTo((Integer) b.get("rank"));
        }
        // a method filter that keeps every ranked row of the setting changes no rank
        List<String> every =
                all.stream()
                        .map(r -> ((Map<?, ?>) r.get("method")).get("id").toString())
                        .distinct()
                        .toList();
        assertThat(board(every.toArray(String[]::new)).getList("rows"))
                .allSatisfy(r -> assertThat(((Map<?, ?>) r).get("boardRank")).isNull());

        given().queryParam("setting", SETTING)
                .queryParam("method", "db-mtl", "moco", "mgda")
                .when()
                .get("/leaderboards/multifashion")
                .then()
                .statusCode(200)
                .body(containsString("id=\"filter-rank-note-0\""))
                .body(containsString("rows this setting ranks on the whole board"))
                .body(containsString("class=\"board-rank\""));
    }
}
