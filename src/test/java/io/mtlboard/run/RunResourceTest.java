package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RunResourceTest {

    private static long dbMtlNyuRunId() {
        return given().when()
                .get("/api/leaderboards/nyuv2?backbone=deeplabv3plus-resnet50&method=db-mtl")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("rows[0].runIds[0]");
    }

    @Test
    void shouldServeRunWithClaimsAndSource() {
        given().when()
                .get("/api/runs/" + dbMtlNyuRunId())
                .then()
                .statusCode(200)
                .body("benchmark.id", equalTo("nyuv2"))
                .body("method.id", equalTo("db-mtl"))
                .body("source", equalTo("literature"))
                .body("badge", equalTo("literature"))
                .body("status", equalTo("claimed"))
                .body("reportedSeeds", equalTo(3))
                .body("citation", containsString("DB-MTL"))
                .body("values", hasSize(9))
                .body("values.find { it.key == 'segmentation.mIoU' }.claimed", equalTo(53.92f))
                .body("values.find { it.key == 'segmentation.mIoU' }.measured", nullValue())
                .body("published.deltaMPerTask", equalTo(1.15f))
                .body("evaluation", nullValue());
    }

    @Test
    void shouldAnswer404ProblemForUnknownOrMalformedIds() {
        given().when()
                .get("/api/runs/987654321")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("No run 987654321"));
        given().when()
                .get("/api/runs/abc")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("run ids are numbers"));
    }
}
