package io.mtlboard.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** The portal's OpenAPI document as JSON, for tests that check what it documents. */
public final class OpenApiDocument {

    private OpenApiDocument() {}

    /** {@code /q/openapi?format=json} of the running test portal. */
    public static JsonPath fetch() {
        return given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
