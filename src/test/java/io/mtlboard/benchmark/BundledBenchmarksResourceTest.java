package io.mtlboard.benchmark;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The portal starts with every shipped manifest and serves the benchmarks they declare. */
@QuarkusTest
class BundledBenchmarksResourceTest {

    @Test
    void shouldListTheBundledAndDeclaredBenchmarks() {
        given().get("/api/benchmarks")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "multifashion",
                                "fashionscenes",
                                "nyuv2",
                                "cityscapes",
                                "celeba",
                                "metagraspnet",
                                "office-home",
                                "multi-fashion-mnist"));
    }

    @Test
    void shouldServeMultiFashion() {
        given().get("/api/benchmarks/multifashion")
                .then()
                .statusCode(200)
                .body("name", equalTo("MultiFashion"))
                .body("dataBundled", equalTo(true))
                .body("licence", containsString("MIT"))
                .body("input.shape", contains(1, 28, 28))
                .body("input.storage", equalTo("uint8"))
                .body("tasks.name", contains("left", "right"))
                .body("tasks.kind", contains("classification", "classification"))
                .body("tasks[1].metrics.key", contains("right.accuracy"));
    }

    @Test
    void shouldServeFashionScenesWithNyuv2sNineMetrics() {
        given().get("/api/benchmarks/fashionscenes")
                .then()
                .statusCode(200)
                .body("dataBundled", equalTo(true))
                .body("input.shape", contains(3, 64, 64))
                .body("tasks.name", contains("segmentation", "depth", "normal"))
                .body("tasks.kind", contains("segmentation", "depth", "normals"))
                .body(
                        "tasks.metrics.flatten().key",
                        contains(
                                "segmentation.mIoU",
                                "segmentation.pixAcc",
                                "depth.absErr",
                                "depth.relErr",
                                "normal.mean",
                                "normal.median",
                                "normal.within11",
                                "normal.within22",
                                "normal.within30"))
                .body("tasks[2].metrics[0].higherIsBetter", equalTo(false));
    }

    @Test
    void shouldServeTheInputSpecOfAnExternalBenchmark() {
        given().get("/api/benchmarks/nyuv2")
                .then()
                .statusCode(200)
                .body("dataBundled", equalTo(false))
                .body("input.shape", contains(3, 288, 384))
                .body("input.storage", equalTo("float32"))
                .body("tasks.name", contains("segmentation", "depth", "normal"))
                .body("tasks[2].metrics.key", hasItems("normal.within11", "normal.median"));
    }

    @Test
    void shouldDeclareCelebaWithFortyAttributeTasks() {
        given().get("/api/benchmarks/celeba")
                .then()
                .statusCode(200)
                .body("tasks.size()", equalTo(40))
                .body("tasks[0].name", equalTo("fiveOClockShadow"))
                .body("tasks[39].metrics[0].key", equalTo("young.accuracy"));
    }
}
