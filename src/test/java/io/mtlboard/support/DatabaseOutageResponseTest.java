package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseOutageResponseTest {

    @Test
    void shouldAnswer503WithRetryAfterWhenTheDatabaseCannotBeReached() {
        given().when()
                .get("/api/test-support/database-down")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://mtlboard.io/problems/database-unavailable"))
                .body("status", equalTo(503))
                .body("instance", equalTo("/api/test-support/database-down"))
                .body("detail", containsString("Idempotency-Key"))
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("Exception")));
    }

    @Test
    void shouldAnswer500WithoutDetailsForOtherFailures() {
        given().when()
                .get("/api/test-support/bug")
                .then()
                .statusCode(500)
                .contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("type", equalTo("https://mtlboard.io/problems/internal-error"))
                .body(not(containsString("internal detail")))
                .body(not(containsString("IllegalStateException")));
    }
}
