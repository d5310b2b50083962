package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LeaderboardResourceTest {

    private static final String NYU = "/api/leaderboards/nyuv2";

    private static JsonPath get(String query) {
        return given().when().get(NYU + query).then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    @Test
    void shouldReproducePublishedDbMtlDeltaMThroughTheApi() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50&optimizer=unreported&size=100");
        List<Map<String, Object>> rows = v.getList("rows");
        assertThat(rows).hasSize(19);
        int checked = 0;
        for (int i = 0; i < rows.size(); i++) {
            Float published = v.get("rows[" + i + "].published.deltaMPerTask");
            if (published == null) {
                continue;
            }
            float perTask = v.getFloat("rows[" + i + "].deltaM.perTask.mean");
            float flat = v.getFloat("rows[" + i + "].deltaM.flat.mean");
            assertThat(perTask).as("Δp_task of %s", (Object) v.get("rows[" + i + "].method.id"))
                    .isCloseTo(published, within(0.02f));
            assertThat(flat).isCloseTo(v.getFloat("rows[" + i + "].published.deltaMFlat"), within(0.02f));
            checked++;
        }
        assertThat(checked).isEqualTo(18);
    }

    @Test
    void shouldRankByPerTaskDeltaMByDefaultAndLabelTheConvention() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50&optimizer=unreported");
        assertThat(v.getString("convention.id")).isEqualTo("per-task");
        assertThat(v.getString("convention.label")).contains("per task");
        assertThat(v.getString("rows[0].method.id")).isEqualTo("db-mtl");
        assertThat(v.getInt("rows[0].rank")).isEqualTo(1);
        assertThat(v.getString("rows[0].deltaM.sign")).isEqualTo("gain");
        List<Float> deltas = v.getList("rows.deltaM.perTask.mean", Float.class);
        for (int i = 1; i < deltas.size(); i++) {
            assertThat(deltas.get(i)).isLessThanOrEqualTo(deltas.get(i - 1));
        }
    }

    @Test
    void shouldRankByFlatConventionWhenAsked() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50&optimizer=unreported&convention=flat");
        assertThat(v.getString("convention.id")).isEqualTo("flat");
        // flat Δm on the DB-MTL table: DB-MTL +0.56, STL 0, CAGrad -0.98, GLS -1.10
        assertThat(v.getList("rows.method.id").subList(0, 4)).containsExactly("db-mtl", "stl", "cagrad", "gls");
    }

    @Test
    void shouldFilterByBackboneAndSource() {
        given().when().get(NYU + "?backbone=segnet-mtan").then().statusCode(200)
                .body("rows.backbone.id", everyItem(equalTo("segnet-mtan")))
                .body("rows", hasSize(15))
                .body("filters.backbone", equalTo(List.of("segnet-mtan")));
        given().when().get(NYU + "?source=claimed").then().statusCode(200).body("rows", hasSize(0))
                .body("total", equalTo(0));
        given().when().get(NYU + "?optimizer=adam&backbone=deeplabv3plus-resnet50,deeplabv3plus-resnet50-mtan")
                .then().statusCode(200).body("rows", hasSize(25));
    }

    @Test
    void shouldSortByAMetricBestFirstByDefault() {
        JsonPath lower = get("?backbone=segnet-mtan&sort=depth.absErr");
        assertThat(lower.getString("order")).isEqualTo("asc");
        List<Float> errors = lower.getList("rows.metrics.'depth.absErr'.mean", Float.class);
        assertThat(errors).isSortedAccordingTo(Float::compare);
        assertThat(errors.get(0)).isEqualTo(0.5213f);
        JsonPath higher = get("?backbone=segnet-mtan&sort=segmentation.mIoU");
        assertThat(higher.getString("order")).isEqualTo("desc");
        assertThat(higher.getFloat("rows[0].metrics.'segmentation.mIoU'.mean")).isEqualTo(41.27f);
        JsonPath reversed = get("?backbone=segnet-mtan&sort=segmentation.mIoU&order=asc");
        assertThat(reversed.getFloat("rows[0].metrics.'segmentation.mIoU'.mean")).isEqualTo(29.91f);
    }

    @Test
    void shouldPageRows() {
        JsonPath all = get("?backbone=segnet-mtan&size=100");
        JsonPath second = get("?backbone=segnet-mtan&size=4&page=2");
        assertThat(second.getInt("total")).isEqualTo(15);
        assertThat(second.getInt("pages")).isEqualTo(4);
        assertThat(second.getList("rows.method.id")).isEqualTo(all.getList("rows.method.id").subList(4, 8));
    }

    @Test
    void shouldLeaveDeltaMEmptyWithoutBaselineOnTheBackbone() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50-mtan");
        assertThat(v.getList("rows")).hasSize(12);
        assertThat(v.getList("rows.deltaM")).containsOnlyNulls();
        assertThat(v.getList("rows.rank")).containsOnlyNulls();
    }

    @Test
    void shouldExportCsvByAcceptHeaderAndByFormat() {
        String byHeader = given().accept("text/csv").when().get(NYU + "?backbone=segnet-mtan").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("nyuv2-leaderboard.csv"))
                .extract().asString();
        String byFormat = given().when().get(NYU + "?backbone=segnet-mtan&format=csv").then().statusCode(200)
                .extract().asString();
        assertThat(byHeader).isEqualTo(byFormat);
        String[] lines = byHeader.strip().split("\n");
        assertThat(lines).hasSize(16);
        assertThat(lines[0]).startsWith("rank,method,method_label,backbone").contains("segmentation.mIoU_mean")
                .contains("delta_m_per_task");
        assertThat(lines[1]).startsWith("1,gradnorm,GradNorm,segnet-mtan");
    }

    @Test
    void shouldListEveryInvalidParameterWithAllowedValues() {
        given().when().get(NYU + "?backbone=vgg&optimizer=lion&gradientLevel=layer&source=rumour&sort=fame"
                + "&order=up&convention=mean&page=0&size=100000&method=magic").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(10))
                .body("violations.field", equalTo(List.of("backbone", "optimizer", "gradientLevel", "source", "method",
                        "sort", "order", "convention", "page", "size")))
                .body("violations.find { it.field == 'optimizer' }.message", containsString("adam, adamw, sgd"))
                .body("violations.find { it.field == 'source' }.message",
                        containsString("verified, reference, literature, claimed"))
                .body("violations.find { it.field == 'sort' }.message", containsString("normal.within30"))
                .body("violations.find { it.field == 'backbone' }.message", containsString("segnet-mtan"));
    }

    @Test
    void shouldRejectUnknownFormat() {
        given().when().get(NYU + "?format=xml").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"));
    }

    @Test
    void shouldAnswerUnknownBenchmarkWith404Problem() {
        given().when().get("/api/leaderboards/imagenet").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("No benchmark 'imagenet'"))
                .body("detail", containsString("nyuv2"));
    }

    @Test
    void shouldAnswerNotModifiedForAKnownEntityTag() {
        String etag = given().when().get(NYU).then().statusCode(200).extract().header("ETag");
        assertThat(etag).isNotBlank();
        given().header("If-None-Match", etag).when().get(NYU).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get(NYU).then().statusCode(200);
    }

    @Test
    void shouldMarkBaselineFromAnotherPublication() {
        JsonPath v = get("?backbone=deeplabv3plus-resnet50&optimizer=adam&method=ew");
        assertThat(v.getString("rows[0].citation")).contains("LibMTL");
        assertThat(v.getString("rows[0].deltaM.baseline.citation")).contains("DB-MTL");
        assertThat(v.getString("rows[0].deltaM.baseline.source")).isEqualTo("literature");
    }

    @Test
    void shouldServeRowsOfEveryLiteratureBenchmark() {
        given().when().get("/api/leaderboards/office-home").then().statusCode(200).body("rows", hasSize(8))
                .body("rows.method.id", hasItem("db-mtl"));
        given().when().get("/api/leaderboards/cityscapes").then().statusCode(200).body("rows", hasSize(18));
        given().when().get("/api/leaderboards/multi-fashion-mnist").then().statusCode(200).body("rows", hasSize(9));
    }
}
