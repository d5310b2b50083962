package io.mtlboard.analysis;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/analysis/gradients} on the fixture runs. */
@QuarkusTest
class GradientsResourceTest {

    private static final String PATH =
            "/api/analysis/gradients?benchmark=multifashion&backbone=lenet5&optimizer=adam";

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    @Test
    void shouldDrawInterTaskCurvesPerRow() {
        JsonPath v = AnalysisFixtures.json(PATH);
        assertThat(v.getString("level")).isEqualTo("param");
        assertThat(v.getList("levels", String.class)).containsExactly("param", "feature");
        assertThat(v.getList("curves")).hasSize(10);
        // ew: cosine 0.025 ± 0.02 per epoch on both seeds; magnitude similarity 0.9 + 0.0375 ± 0.02
        assertThat(v.getDouble("curves.find { it.method == 'ew' }.cosine[0].mean"))
                .isCloseTo(0.005, within(1e-9));
        assertThat(v.getInt("curves.find { it.method == 'ew' }.cosine[0].n")).isEqualTo(2);
        assertThat(v.getDouble("curves.find { it.method == 'ew' }.magnitudeSimilarity[2].mean"))
                .isCloseTo(0.9575, within(1e-9));
    }

    @Test
    void shouldCompareInterTaskWithInterSampleDistributions() {
        JsonPath v = AnalysisFixtures.json(PATH);
        assertThat(v.getString("comparison.indicator")).isEqualTo("cosine");
        assertThat(v.getString("comparison.label")).isEqualTo("cosine similarity");
        // 11 runs × 3 epochs on each side
        assertThat(v.getInt("comparison.interTask.runs")).isEqualTo(11);
        assertThat(v.getInt("comparison.interTask.histogram.n")).isEqualTo(33);
        assertThat(v.getInt("comparison.interSample.histogram.n")).isEqualTo(33);
        List<Integer> counts = v.getList("comparison.interSample.histogram.counts");
        assertThat(counts).hasSize(20);
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(33);
        // inter-sample cosine: 0.10, 0.12, 0.14 per run → mean 0.12
        assertThat(v.getDouble("comparison.interSample.values.mean")).isCloseTo(0.12, within(1e-9));
        // bins fitted to both sides' values, −0.07…0.32 (inter-task) and 0.10…0.14: a span of
        // 0.39 in 20 → bins of 0.02 from −0.08 to 0.32, shared by both histograms
        assertThat(v.getList("comparison.interTask.histogram.edges", Double.class))
                .hasSize(21)
                .startsWith(-0.08, -0.06)
                .endsWith(0.3, 0.32)
                .isEqualTo(v.getList("comparison.interSample.histogram.edges", Double.class));
        assertThat(v.getList("comparison.rows")).hasSize(10);
        assertThat(v.getDouble("comparison.rows.find { it.method == 'ew' }.interTask.mean"))
                .isCloseTo(0.025, within(1e-9));
        assertThat(v.getString("comparison.message")).isNull();
        JsonPath magnitude = AnalysisFixtures.json(PATH + "&indicator=magnitudeSimilarity");
        // magnitude similarity 0.78…0.995 over both sides: 0.215 / 20 → bins of 0.02, 0.78 to 1
        assertThat(magnitude.getList("comparison.interTask.histogram.edges", Double.class))
                .hasSize(12)
                .startsWith(0.78, 0.8)
                .endsWith(1.0);
        assertThat(magnitude.getDouble("comparison.interSample.values.mean"))
                .isCloseTo(0.95, within(1e-9));
    }

    @Test
    void shouldSayWhenOneSideOfTheComparisonHasNoData() {
        JsonPath v = AnalysisFixtures.json(PATH + "&level=feature");
        assertThat(v.getList("curves")).hasSize(4);
        assertThat(v.getInt("comparison.interSample.runs")).isZero();
        assertThat(v.getString("comparison.message"))
                .startsWith("No data yet: no run shown logged batch inter-sample");
        JsonPath few = AnalysisFixtures.json(PATH + "&method=ew,uw");
        assertThat(few.getString("comparison.message"))
                .startsWith("Too little data to conclude: 3 run(s)");
    }

    /** The fixtures log batch-level indicators only: the page plots them and says so. */
    @Test
    void shouldStateWhichGranularityItPlots() {
        JsonPath v = AnalysisFixtures.json(PATH);
        assertThat(v.getString("granularity")).isEqualTo("batch");
        assertThat(v.getList("granularities", String.class)).containsExactly("batch");
        assertThat(v.getString("definition")).contains("two halves of the batch");
        assertThat(v.getList("notes", String.class))
                .anySatisfy(n -> assertThat(n).startsWith("Shown: the batch-level"));
        JsonPath perSample = AnalysisFixtures.json(PATH + "&granularity=per-sample");
        assertThat(perSample.getString("granularity")).isEqualTo("per-sample");
        assertThat(perSample.getString("definition")).contains("one and the same sample");
        assertThat(perSample.getList("curves")).isEmpty();
        assertThat(perSample.getString("comparison.message"))
                .startsWith("No data yet: no run shown logged per-sample");
    }

    @Test
    void shouldRefuseInvalidParameters() {
        given().when()
                .get(PATH + "&level=layer&indicator=angle&granularity=pixel")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("level", "indicator", "granularity"))
                .body(
                        "violations.find { it.field == 'indicator' }.message",
                        containsString("allowed values: cosine, magnitudeSimilarity"));
    }
}
