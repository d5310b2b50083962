package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A process in the worker role serves health and metrics only. */
@QuarkusTest
@TestProfile(WorkerRoleTest.WorkerRole.class)
class WorkerRoleTest {

    /** The worker role, with the evaluation worker enabled. */
    public static class WorkerRole implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mtlboard.role",
                    "worker",
                    "mtlboard.worker.enabled",
                    "true",
                    "mtlboard.data-dir",
                    "target/test-data-worker-role");
        }
    }

    @Test
    void shouldRefusePagesAndApiWithAProblemThatSaysWhy() {
        given().when()
                .get("/api/benchmarks")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("worker role"));
        given().when().get("/").then().statusCode(404);
    }

    @Test
    void shouldServeHealthWithTheWorkerCheckAndMetrics() {
        given().when()
                .get("/q/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("evaluation-worker"))
                .body("checks.find { it.name == 'evaluation-worker' }.data.active", equalTo(true));
        given().when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("mtlboard_queue_depth"))
                .body(containsString("mtlboard_lease_expiries_total"));
    }
}
