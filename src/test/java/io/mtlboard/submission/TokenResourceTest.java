package io.mtlboard.submission;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenResourceTest {

    @Test
    void shouldCreateTokenShowingTheSecretOnce() {
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body(Map.of("name", "carol", "runsPerDay", 7))
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("secret", startsWith("mtlb_"))
                .body("runsPerDay", equalTo(7))
                .body("maxConcurrent", equalTo(5))
                .body("admin", equalTo(false));
        given().header("Authorization", Tokens.ADMIN)
                .when()
                .get("/api/tokens")
                .then()
                .statusCode(200)
                .body("name", hasItem("carol"))
                .body("find { it.name == 'carol' }.secret", equalTo(null))
                .body("find { it.name == 'carol' }.tokenHash", equalTo(null));
    }

    @Test
    void shouldRequireAnAdminTokenToManageTokens() {
        given().contentType("application/json")
                .body(Map.of("name", "x"))
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", notNullValue());
        String user = Tokens.create("dave", 5, 1);
        given().header("Authorization", user)
                .contentType("application/json")
                .body(Map.of("name", "x"))
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Basic abc")
                .when()
                .get("/api/tokens")
                .then()
                .statusCode(401)
                .body("detail", equalTo("The Authorization header must be 'Bearer <token>'"));
        given().header("Authorization", "Bearer mtlb_unknown")
                .when()
                .get("/api/tokens")
                .then()
                .statusCode(401)
                .body("detail", equalTo("Unknown or revoked API token"));
    }

    @Test
    void shouldValidateTheTokenRequest() {
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body(Map.of("name", " ", "runsPerDay", -1))
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .body("violations.field", equalTo(List.of("name", "runsPerDay")));
        given().header("Authorization", Tokens.ADMIN)
                .contentType("application/json")
                .body("{not json")
                .when()
                .post("/api/tokens")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(equalTo(null)));
    }

    @Test
    void shouldRefuseARevokedToken() {
        String secret = Tokens.create("erin", 5, 1);
        long id =
                given().header("Authorization", Tokens.ADMIN)
                        .when()
                        .get("/api/tokens")
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("find { it.name == 'erin' }.id");
        given().header("Authorization", Tokens.ADMIN)
                .when()
                .delete("/api/tokens/" + id)
                .then()
                .statusCode(200)
                .body("revokedAt", notNullValue());
        given().header("Authorization", secret)
                .multiPart("manifest", "{}")
                .when()
                .post("/api/runs")
                .then()
                .statusCode(401);
    }
}
