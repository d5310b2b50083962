package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void shouldDocumentTheApiInOpenApi() {
        given().when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/leaderboards/{benchmarkId}"))
                .body(containsString("/api/benchmarks/{id}"))
                .body(containsString("/api/runs/{id}"))
                .body(containsString("application/problem+json"));
    }

    @Test
    void shouldServeSwaggerUiHealthAndMetrics() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    }
}
