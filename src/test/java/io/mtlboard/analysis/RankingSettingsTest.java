package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.imports.WithBundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With reference runs of two protocols on one backbone (the bundled mf-lenet5-v2 runs and six
 * legacy mf-lenet5-v1 runs kept as a test fixture, whose bundles the v2 runs replaced), the
 * ranking-similarity, feature-disentanglement and gradient analyses take the rows of one protocol at a time: by default the setting with
 * the most rows, or the one asked for, never both together.
 */
@QuarkusTest
class RankingSettingsTest extends WithBundledReferenceRuns {

    /** Legacy mf-lenet5-v1 bundles (single-task, EW and four loss-weighting methods, seed 3). */
    @BeforeEach
    void importLegacyRuns() {
        bundled.loadAlso(Path.of("src/test/resources/fixtures/reference-legacy"));
    }

    private static JsonPath get(String query) {
        return AnalysisFixtures.json("/api/analysis/ranking-similarity?" + query);
    }

    /** The analysis for {@code setting} chooses it and lists rows of its protocol only. */
    private static void onlyRowsOf(String setting, String analysis, String labels) {
        JsonPath v =
                AnalysisFixtures.json(
                        "/api/analysis/"
                                + analysis
                                + "?benchmark=multifashion&backbone=lenet5&source=reference&setting="
                                + setting);
        String protocol = setting.substring(setting.indexOf('@') + 1);
        assertThat(v.getString("setting.id")).isEqualTo(setting);
        assertThat(v.getList(labels, String.class))
                .as(analysis)
                .isNotEmpty()
                .allMatch(l -> l.contains(" · " + protocol + " · "));
    }

    @Test
    void shouldNeverRankRowsOfTwoProtocolsTogether() {
        JsonPath v = get("benchmark=multifashion&backbone=lenet5&source=reference");
        List<String> settings = v.getList("settings.id", String.class);
        assertThat(settings).contains("lenet5@mf-lenet5-v1", "lenet5@mf-lenet5-v2");
        List<Integer> counts = v.getList("settings.rows", Integer.class);
        assertThat(counts).isSortedAccordingTo((a, b) -> b - a);
        assertThat(v.getString("setting.id")).isEqualTo(settings.get(0));
        for (String setting : settings) {
            JsonPath one =
                    get(
                            "benchmark=multifashion&backbone=lenet5&source=reference&setting="
                                    + setting);
            String protocol = setting.substring(setting.indexOf('@') + 1);
            int rows = counts.get(settings.indexOf(setting));
            assertThat(one.getInt("rows")).isEqualTo(rows);
            assertThat(one.getString("setting.id")).isEqualTo(setting);
            List<String> labels = one.getList("scatter.points.label", String.class);
            assertThat(labels).isNotEmpty().allMatch(l -> l.contains(" · " + protocol + " · "));
            // the indicator heatmap's Δm entry counts only this setting's rows
            assertThat(one.getInt("indicatorHeatmap.cells[0][1].n")).isLessThanOrEqualTo(rows);
        }
        // FD against Δm, and the gradient curves and distributions: one setting's rows as well
        for (String setting : settings) {
            onlyRowsOf(setting, "feature-disentanglement", "finals.label");
            onlyRowsOf(setting, "gradients", "curves.label");
        }
        JsonPath fdDefault =
                AnalysisFixtures.json(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&source=reference");
        assertThat(fdDefault.getString("setting.id")).isEqualTo(settings.get(0));
        given().when()
                .get(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&setting=lenet5@nothing")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("setting"));
        // test-split FD: every mf-lenet5-v2 reference bundle carries it; the legacy bundles do
        // not, and the page says why
        JsonPath v2 =
                AnalysisFixtures.json(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&source=reference&setting=lenet5@mf-lenet5-v2");
        assertThat(v2.getString("measured.message")).isNull();
        assertThat(v2.getList("measured.rows")).hasSize(v2.getInt("setting.rows"));
        // every mf-lenet5-v2 row has three or more seeds: the final-FD agreement's interval
        // resamples them, Δm and FD of a run together, and holds no row fixed
        assertThat(v2.getInt("interval.rows")).isEqualTo(v2.getInt("agreement.n"));
        assertThat(v2.getInt("interval.singleRunRows")).isZero();
        assertThat(v2.getDouble("interval.high") - v2.getDouble("interval.low")).isPositive();
        assertThat(v2.getString("finalsMessage")).isNull();
        // the legacy setting's rows have one run each: no interval, by point estimate only
        JsonPath fsV1 =
                AnalysisFixtures.json(
                        "/api/analysis/feature-disentanglement?benchmark=fashionscenes"
                                + "&source=reference&setting=encoder-decoder@fs-encoder-decoder-v1");
        assertThat(fsV1.getMap("interval")).isNull();
        assertThat(fsV1.getString("finalsMessage")).startsWith("By point estimate only");
        JsonPath v1 =
                AnalysisFixtures.json(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&source=reference&setting=lenet5@mf-lenet5-v1");
        assertThat(v1.getString("measured.message"))
                .contains("reference row(s) whose bundles were trained before the reference CLI");
        // the setting heatmap compares the two protocols of one backbone, each an axis of its own
        assertThat(v.getList("backboneHeatmap.axes.key", String.class))
                .contains("lenet5@mf-lenet5-v1", "lenet5@mf-lenet5-v2");
    }

    /**
     * The noise ceiling of the reference bundles is stepped up from halves of the seeds to all of
     * them, and the page says both numbers as the JSON has them.
     */
    @Test
    void shouldStateTheNoiseCeilingSteppedUpFromHalvesOfTheSeeds() {
        String path = "/analysis/ranking-similarity?benchmark=multifashion&optimizer=adam";
        var v = AnalysisFixtures.json(path.replace("/analysis/", "/api/analysis/"));
        assertThat(v.getBoolean("noiseCeiling.steppedUp")).isTrue();
        double value = v.getDouble("noiseCeiling.value");
        double half = v.getDouble("noiseCeiling.splitHalf.value");
        assertThat(half).isPositive();
        assertThat((double) Coefficient.kendallTauB().stepUpFromHalves(half))
                .isCloseTo(value, within(1e-6));
        assertThat(value).isGreaterThan(half);
        String html = given().when().get(path).then().statusCode(200).extract().asString();
        assertThat(html)
                .contains(String.format(Locale.ROOT, "Noise ceiling: Kendall τ-b = %.2f (", value))
                .contains(
                        String.format(
                                Locale.ROOT,
                                "for test Δm from all seeds, stepped up from %.2f between disjoint halves",
                                half));
    }
}
