package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
    void shouldDocumentEveryRunAndTokenIdOfTheApiAsAnInteger() {
        io.restassured.path.json.JsonPath api =
                given().when()
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        java.util.Map<String, java.util.Map<String, Object>> paths = api.getMap("paths");
        int ids = 0;
        for (var path : paths.entrySet()) {
            if (!path.getKey().startsWith("/api/runs/{id}")
                    && !path.getKey().startsWith("/api/tokens/{id}")) {
                continue;
            }
            for (Object operation : path.getValue().values()) {
                for (Object p :
                        (java.util.List<?>) ((java.util.Map<?, ?>) operation).get("parameters")) {
                    java.util.Map<?, ?> parameter = (java.util.Map<?, ?>) p;
                    if ("id".equals(parameter.get("name")) && "path".equals(parameter.get("in"))) {
                        ids++;
                        java.util.Map<?, ?> schema = (java.util.Map<?, ?>) parameter.get("schema");
                        assertThat(schema.get("type")).as(path.getKey()).isEqualTo("integer");
                        assertThat(schema.get("format")).as(path.getKey()).isEqualTo("int64");
                    }
                }
            }
        }
        // GET, DELETE, log, training log, retry, moderation of a run; DELETE of a token
        assertThat(ids).isEqualTo(7);
    }

    @Test
    void shouldServeSwaggerUiHealthAndMetrics() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    }
}
