package io.mtlboard.submission;

import static io.restassured.RestAssured.given;

import java.util.Map;

/** Creates API tokens through the API with the test profile's admin token. */
public final class Tokens {

    public static final String ADMIN = "Bearer test-admin-token";

    private Tokens() {}

    public static String create(String name, int runsPerDay, int maxConcurrent) {
        return "Bearer "
                + given().header("Authorization", ADMIN)
                        .contentType("application/json")
                        .body(
                                Map.of(
                                        "name",
                                        name,
                                        "runsPerDay",
                                        runsPerDay,
                                        "maxConcurrent",
                                        maxConcurrent))
                        .when()
                        .post("/api/tokens")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getString("secret");
    }
}
