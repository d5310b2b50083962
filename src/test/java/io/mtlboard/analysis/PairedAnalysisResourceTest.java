package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/analysis/levels} and {@code /optimizers} on the fixture runs. */
@QuarkusTest
class PairedAnalysisResourceTest {

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    @Test
    void shouldPairParameterAndFeatureLevelRowsOfAMethod() {
        JsonPath v =
                AnalysisFixtures.json(
                        "/api/analysis/levels?benchmark=multifashion&backbone=lenet5&source=claimed");
        assertThat(v.getList("pairs.method", String.class)).containsExactly("aligned-mtl", "mgda");
        // Aligned-MTL: −1.5 → 2.0; MGDA: 0.5 → 1.5 (feature level minus parameter level)
        assertThat(v.getDouble("pairs[0].difference")).isCloseTo(3.5, within(1e-9));
        assertThat(v.getDouble("pairs[1].difference")).isCloseTo(1.0, within(1e-9));
        assertThat(v.getString("pairs[1].first.setting")).isEqualTo("param");
        assertThat(v.getString("pairs[1].second.setting")).isEqualTo("feature");
        assertThat(v.getString("pairs[1].second.label")).startsWith("MGDA-UB");
        assertThat(v.getBoolean("pairs[1].secondBetter")).isTrue();
        // one seed per side: no verdict against seed noise
        assertThat(v.getString("pairs[1].clear")).isNull();
        // 3 epochs of 14 s against 3 of 10 s
        assertThat(v.getDouble("pairs[1].first.trainingSeconds.mean"))
                .isCloseTo(42.0, within(1e-9));
        assertThat(v.getDouble("pairs[1].timeRatio")).isCloseTo(30.0 / 42, within(1e-9));
        assertThat(v.getInt("gaining")).isEqualTo(2);
        // both gains rest on one seed per side: none is beyond the seed spread
        assertThat(v.getInt("clear.better")).isZero();
        assertThat(v.getInt("clear.worse")).isZero();
        String page =
                given().get(
                                "/analysis/levels?benchmark=multifashion&backbone=lenet5&source=claimed")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(page)
                .contains(
                        "2 pair(s); 2 gain from the feature level on the means; beyond the seed"
                                + " spread 0 gain and 0 lose");
        assertThat(v.getString("message")).startsWith("Too little data to conclude: 2 pair(s)");
    }

    @Test
    void shouldSayThereIsNoDataForLiteratureOnlyBenchmarks() {
        JsonPath v = AnalysisFixtures.json("/api/analysis/levels?benchmark=nyuv2");
        assertThat(v.getList("pairs")).isEmpty();
        assertThat(v.getString("message")).startsWith("No data yet");
    }

    @Test
    void shouldPairSgdAndAdamRowsAndCompareTheRankings() {
        JsonPath v =
                AnalysisFixtures.json(
                        "/api/analysis/optimizers?benchmark=multifashion&backbone=lenet5&source=claimed");
        // Adam − SGD: pcgrad 1.5, cagrad 1.5, ew 1.25, uw 0.75, mgda 0.5
        List<String> methods = v.getList("pairs.method", String.class);
        assertThat(methods).hasSize(5).endsWith("ew", "uw", "mgda");
        assertThat(methods.subList(0, 2)).containsExactlyInAnyOrder("pcgrad", "cagrad");
        assertThat(v.getDouble("pairs.find { it.method == 'ew' }.difference"))
                .isCloseTo(1.25, within(1e-9));
        assertThat(v.getString("pairs.find { it.method == 'ew' }.first.setting")).isEqualTo("sgd");
        assertThat(v.getInt("pairs.find { it.method == 'ew' }.second.seeds")).isEqualTo(2);
        assertThat(v.getInt("adamBetter")).isEqualTo(5);
        // the clear counts are the pairs marked clear, by direction
        assertThat(v.getInt("clear.better"))
                .isEqualTo(
                        v.getList("pairs.findAll { it.clear == true && it.secondBetter }").size());
        assertThat(v.getInt("clear.worse"))
                .isEqualTo(
                        v.getList("pairs.findAll { it.clear == true && !it.secondBetter }").size());
        // rankings: Adam ew < uw < pcgrad < mgda < cagrad, SGD ew < pcgrad < uw < cagrad < mgda → τ
        // = (8 − 2) / 10
        assertThat(v.getDouble("agreement.value")).isCloseTo(0.6, within(1e-12));
        assertThat(v.getInt("agreement.n")).isEqualTo(5);
        assertThat(v.getString("message")).startsWith("Too little data to conclude per method");
    }

    @Test
    void shouldNeverPairClaimedRowsBesideEvidenceAndSayWhatTheyAre() {
        // the fixture runs of LeNet-5 are claims: no verified model
        for (String path : List.of("levels", "optimizers")) {
            for (String filter : List.of("", "&source=claimed,verified,reference,literature")) {
                JsonPath v =
                        AnalysisFixtures.json(
                                "/api/analysis/"
                                        + path
                                        + "?benchmark=multifashion&backbone=lenet5"
                                        + filter);
                assertThat(v.getList("pairs.source", String.class))
                        .as(path + filter)
                        .doesNotContain("claimed");
                assertThat(v.getString("message")).as(path + filter).startsWith("No data yet");
                assertThat(v.getList("notes", String.class))
                        .as(path + filter)
                        .singleElement()
                        .asString()
                        .containsPattern("^\\d+ pair\\(s\\) of claimed rows")
                        .contains("left out");
            }
        }
        JsonPath optimizers =
                AnalysisFixtures.json(
                        "/api/analysis/optimizers?benchmark=multifashion&backbone=lenet5");
        assertThat(optimizers.getList("sources")).isEmpty();
        assertThat(optimizers.getInt("agreement.n")).isZero();
        // asked for alone, claims are paired with each other and called what they are
        JsonPath claimed =
                AnalysisFixtures.json(
                        "/api/analysis/optimizers?benchmark=multifashion&backbone=lenet5&source=claimed");
        assertThat(claimed.getList("pairs.source", String.class))
                .isNotEmpty()
                .containsOnly("claimed");
        assertThat(claimed.getList("notes")).isEmpty();
        assertThat(claimed.getList("sources", String.class))
                .singleElement()
                .asString()
                .startsWith("5 SGD and 0 signSGD pair(s) claimed, unverified:")
                .contains("not measured by MTLBoard")
                .doesNotContain("verified and claimed submissions");
    }

    @Test
    void shouldRefuseInvalidParameters() {
        given().when()
                .get("/api/analysis/optimizers?benchmark=multifashion&source=rumour&convention=log")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("source", "convention"));
        given().when()
                .get("/api/analysis/levels?benchmark=nope")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("benchmark"));
    }
}
