package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.imports.WithBundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The leaderboard says how much of a setting's ranking rests on one seed, with the seed std pooled
 * over its rows of two or more seeds, recomputed here from the rows the JSON lists.
 */
@QuarkusTest
class LeaderboardSeedNoiseTest extends WithBundledReferenceRuns {

    private static final String SETTING = "lenet5@mf-lenet5-v2";

    /** JsonPath reads JSON decimals as floats: values compare to 1e-6. */
    @Test
    @SuppressWarnings("unchecked")
    void shouldPoolTheSeedStdOverTheRankedRowsOfTwoOrMoreSeeds() {
        JsonPath v =
                given().queryParam("setting", SETTING)
                        .queryParam("size", 500)
                        .when()
                        .get("/api/leaderboards/multifashion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> rows = v.getList("rows");
        int single = 0;
        int pooled = 0;
        double sum = 0;
        int df = 0;
        for (Map<String, Object> r : rows) {
            if (!"ranked".equals(r.get("role"))) {
                continue;
            }
            Map<String, Object> d =
                    (Map<String, Object>) ((Map<String, Object>) r.get("deltaM")).get("perTask");
            int n = ((Number) d.get("n")).intValue();
            Number std = (Number) d.get("std");
            if (std == null) {
                single++;
            } else if (n >= 2) {
                pooled++;
                sum += (n - 1) * std.doubleValue() * std.doubleValue();
                df += n - 1;
            }
        }
        // the number of single-seed rows changes as the reference study fills in its seeds: the
        // checks below hold for any count (LeaderboardPagerTest covers the note's wording)
        assertThat(pooled).as("ranked rows of two or more seeds in the bundles").isPositive();
        Map<String, Object> noise = v.getMap("settings[0].seedNoise");
        assertThat(v.getString("settings[0].id")).isEqualTo(SETTING);
        assertThat(noise.get("singleSeed")).isEqualTo(single);
        assertThat(noise.get("pooledRows")).isEqualTo(pooled);
        double std = Math.sqrt(sum / df);
        assertThat(((Number) noise.get("pooledStd")).doubleValue()).isCloseTo(std, within(1e-6));
        assertThat(((Number) noise.get("noiseBand")).doubleValue())
                .isCloseTo(1.96 * Math.sqrt(2) * std, within(1e-6));
        assertThat(noise.get("degreesOfFreedom")).isEqualTo(df);
        // enough degrees of freedom in the bundles: single-seed rows are ranked with the pooled std
        assertThat(df).isGreaterThanOrEqualTo(SeedNoise.MIN_DEGREES_OF_FREEDOM);
        assertThat(noise.get("appliedToSingleSeed")).isEqualTo(true);
        for (Map<String, Object> r : rows) {
            if (!"ranked".equals(r.get("role"))) {
                continue;
            }
            Map<String, Object> dm = (Map<String, Object>) r.get("deltaM");
            Object own = ((Map<String, Object>) dm.get("perTask")).get("std");
            Number stood = (Number) dm.get("perTaskPooledStd");
            if (own == null) {
                assertThat(stood.doubleValue()).isCloseTo(std, within(1e-6));
            } else {
                assertThat(stood).isNull();
            }
        }
        String page =
                given().queryParam("setting", SETTING)
                        .when()
                        .get("/leaderboards/multifashion")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        if (single == 0) {
            // (a single-seed baseline row still shows the pooled std)
            assertThat(page).doesNotContain("on one seed:");
            return;
        }
        assertThat(page)
                .containsPattern(single + " of the \\d+ ranked rows rests? on one seed")
                .contains("(pooled)")
                .contains("ranked and compared with the baseline with this setting's seed std")
                .contains(String.format(java.util.Locale.ROOT, "%.2f", 1.96 * Math.sqrt(2) * std));
    }

    @Test
    void shouldMarkTheFeatureLevelRowsOfMethodsThatCarryGradientsAcrossSteps() {
        JsonPath board =
                given().when()
                        .get(
                                "/api/leaderboards/multifashion?setting=lenet5@mf-lenet5-v2"
                                        + "&method=moco,db-mtl,mgda&optimizer=adam")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        List<Map<String, Object>> rows = board.getList("rows");
        assertThat(rows).hasSize(6);
        for (Map<String, Object> r : rows) {
            String method = (String) ((Map<?, ?>) r.get("method")).get("id");
            boolean carries = !method.equals("mgda") && "feature".equals(r.get("gradientLevel"));
            if (carries) {
                assertThat((String) r.get("levelCaveat"))
                        .as(method)
                        .contains("mixes the gradients of different samples");
            } else {
                assertThat(r.get("levelCaveat")).as(method + " " + r.get("gradientLevel")).isNull();
            }
        }
        String page =
                given().when()
                        .get(
                                "/leaderboards/multifashion?setting=lenet5@mf-lenet5-v2"
                                        + "&method=moco,db-mtl,mgda&optimizer=adam")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(page.split("class=\"mark level-caveat\"", -1)).hasSize(3);
    }
}
