package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.imports.BundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the bundled reference runs of two protocols on one backbone (mf-lenet5-v1 and -v2), the
 * ranking-similarity, feature-disentanglement and gradient analyses take the rows of one protocol at a time: by default the setting with
 * the most rows, or the one asked for, never both together.
 */
@QuarkusTest
class RankingSettingsTest {

    @Inject BundledReferenceRuns bundled;

    /** The test profile imports no reference runs: the bundled ones are imported here. */
    @BeforeEach
    void importTheBundledReferenceRuns() {
        bundled.load();
    }

    @AfterEach
    void restore() {
        bundled.remove();
    }

    private static JsonPath get(String query) {
        return AnalysisFixtures.json("/api/analysis/ranking-similarity?" + query);
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
        // FD against Δm: the rows of one setting as well
        for (String setting : settings) {
            JsonPath fd =
                    AnalysisFixtures.json(
                            "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                    + "&source=reference&setting="
                                    + setting);
            String protocol = setting.substring(setting.indexOf('@') + 1);
            assertThat(fd.getString("setting.id")).isEqualTo(setting);
            assertThat(fd.getList("finals.label", String.class))
                    .isNotEmpty()
                    .allMatch(l -> l.contains(" · " + protocol + " · "));
        }
        // the gradient curves and distributions: one setting's rows as well
        for (String setting : settings) {
            JsonPath g =
                    AnalysisFixtures.json(
                            "/api/analysis/gradients?benchmark=multifashion&backbone=lenet5"
                                    + "&source=reference&setting="
                                    + setting);
            String protocol = setting.substring(setting.indexOf('@') + 1);
            assertThat(g.getString("setting.id")).isEqualTo(setting);
            assertThat(g.getList("curves.label", String.class))
                    .isNotEmpty()
                    .allMatch(l -> l.contains(" · " + protocol + " · "));
        }
        JsonPath fdDefault =
                AnalysisFixtures.json(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&source=reference");
        assertThat(fdDefault.getString("setting.id")).isEqualTo(settings.get(0));
        io.restassured.RestAssured.given()
                .when()
                .get(
                        "/api/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5"
                                + "&setting=lenet5@nothing")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("setting"));
        // the setting heatmap compares the two protocols of one backbone, each an axis of its own
        assertThat(v.getList("backboneHeatmap.axes.key", String.class))
                .contains("lenet5@mf-lenet5-v1", "lenet5@mf-lenet5-v2");
    }
}
