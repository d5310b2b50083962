package io.mtlboard.benchmark;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BenchmarkResourceTest {

    @Test
    void shouldListBenchmarksWithTasksAndRowCounts() {
        given().when()
                .get("/api/benchmarks")
                .then()
                .statusCode(200)
                .body("id", hasItems("nyuv2", "cityscapes", "office-home", "multi-fashion-mnist"))
                .body(
                        "find { it.id == 'nyuv2' }.tasks.name",
                        equalTo(List.of("segmentation", "depth", "normal")))
                .body("find { it.id == 'nyuv2' }.rows", greaterThan(40));
    }

    @Test
    void shouldDescribeBenchmarkWithMetricsBaselinesAndSources() {
        given().when()
                .get("/api/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body("tasks[2].metrics", hasSize(5))
                .body(
                        "tasks[1].metrics.find { it.key == 'depth.absErr' }.higherIsBetter",
                        equalTo(false))
                .body(
                        "tasks[0].metrics.find { it.key == 'segmentation.mIoU' }.higherIsBetter",
                        equalTo(true))
                .body("tasks[0].metrics[0].absTolerance", equalTo(0.1f))
                .body("input.shape", equalTo(List.of(3, 288, 384)))
                .body("baselines.backbone", hasItems("deeplabv3plus-resnet50", "segnet-mtan"))
                .body(
                        "baselines.find { it.backbone == 'deeplabv3plus-resnet50' }.values.'segmentation.mIoU'",
                        equalTo(53.5f))
                // each baseline names its setting, so two protocols of one backbone are told apart
                .body(
                        "baselines.find { it.backbone == 'deeplabv3plus-resnet50' }.setting",
                        equalTo("deeplabv3plus-resnet50@dbmtl-2023"))
                .body(
                        "baselines.find { it.backbone == 'deeplabv3plus-resnet50' }.settingLabel",
                        containsString(" · "))
                .body("sources", hasItem(containsString("DB-MTL")))
                .body("licence", containsString("not shipped"));
    }

    @Test
    void shouldAnswerUnknownBenchmarkWithProblem() {
        given().when()
                .get("/api/benchmarks/imagenet")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("detail", containsString("No benchmark 'imagenet'"))
                .body("detail", containsString("nyuv2"))
                .body("instance", equalTo("/api/benchmarks/imagenet"));
    }

    @Test
    void shouldListMethodsWithCategoryAndFeatureLevel() {
        given().when()
                .get("/api/methods")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "ew",
                                "mgda",
                                "pcgrad",
                                "cagrad",
                                "nash-mtl",
                                "aligned-mtl",
                                "famo",
                                "db-mtl"))
                .body("find { it.id == 'mgda' }.featureLevel", equalTo(true))
                .body("find { it.id == 'mgda' }.featureLevelName", equalTo("MGDA-UB"))
                .body("find { it.id == 'mgda' }.featureLevelCaveat", equalTo(null))
                .body(
                        "find { it.id == 'moco' }.featureLevelCaveat",
                        containsString("mixes the gradients of different samples"))
                .body("find { it.id == 'uw' }.category", equalTo("loss-weighting"))
                .body(
                        "find { it.id == 'pcgrad' }.paperUrl",
                        equalTo("https://arxiv.org/abs/2001.06782"))
                .body(
                        "find { it.id == 'pcgrad' }.codeUrl",
                        equalTo("https://github.com/tianheyu927/PCGrad"))
                .body("find { it.id == 'ew' }.codeUrl", nullValue());
    }

    @Test
    void shouldServeOneMethodAnd404ForUnknown() {
        given().when()
                .get("/api/methods/cagrad")
                .then()
                .statusCode(200)
                .body("name", equalTo("CAGrad"));
        given().when()
                .get("/api/methods/sgd-magic")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("known methods"));
    }

    @Test
    void shouldListBackbones() {
        given().when()
                .get("/api/backbones")
                .then()
                .statusCode(200)
                .body("id", hasItems("lenet5", "resnet18", "segnet-mtan"))
                .body("find { it.id == 'lenet5' }.lightweight", equalTo(true));
    }

    @Test
    void shouldRejectUnsupportedMethodWithProblem() {
        given().when()
                .post("/api/benchmarks")
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD")
                .body("status", equalTo(405));
        // the runs collection takes POST (runs are read one by one); a page takes GET
        given().when().put("/api/runs").then().statusCode(405).header("Allow", "POST");
        given().when()
                .delete("/leaderboards/nyuv2")
                .then()
                .statusCode(405)
                .header("Allow", "GET, HEAD");
    }

    @Test
    void shouldAnswerUnknownApiPathWithProblem() {
        given().when()
                .get("/api/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("/q/openapi"));
    }
}
