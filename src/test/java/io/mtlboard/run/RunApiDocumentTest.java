package io.mtlboard.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.mtlboard.submission.Tokens;
import io.mtlboard.support.OpenApiDocument;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes how to submit a run well enough for Swagger UI to do it: a bearer
 * security scheme on the endpoints that need a token, the multipart body of {@code POST /api/runs}
 * as its two parts (not the server's multipart classes), a valid example manifest, and the
 * hyper-parameters of a run as the JSON object they are.
 */
@QuarkusTest
class RunApiDocumentTest {

    @Inject ManifestValidator validator;

    private static JsonPath openApi() {
        return OpenApiDocument.fetch();
    }

    @Test
    void shouldDeclareABearerSchemeAndRequireItWhereATokenIsNeeded() {
        JsonPath doc = openApi();
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        for (String op :
                List.of(
                        "'/api/runs'.post",
                        "'/api/runs/{id}'.delete",
                        "'/api/runs/{id}/retry'.post",
                        "'/api/runs/{id}/moderation'.post",
                        "'/api/tokens'.post",
                        "'/api/tokens'.get",
                        "'/api/tokens/{id}'.delete")) {
            assertThat(doc.getList("paths." + op + ".security.bearer"))
                    .as(op + " requires the bearer scheme")
                    .hasSize(1);
        }
        assertThat(doc.getList("paths.'/api/runs/{id}'.get.security")).as("public").isNull();
    }

    @Test
    void shouldDocumentTheRunBundleAsItsTwoMultipartParts() {
        JsonPath doc = openApi();
        String body = "paths.'/api/runs'.post.requestBody.content.'multipart/form-data'.schema";
        assertThat(doc.getString(body + ".type")).isEqualTo("object");
        assertThat(doc.getList(body + ".required")).containsExactly("manifest");
        assertThat(doc.getMap(body + ".properties")).containsOnlyKeys("manifest", "model");
        assertThat(doc.getString(body + ".properties.manifest.type")).isEqualTo("string");
        assertThat(doc.getString(body + ".properties.manifest.description"))
                .contains("/api/schemas/run-manifest");
        assertThat(doc.getString(body + ".properties.model.type")).isEqualTo("string");
        assertThat(doc.getString(body + ".properties.model.format")).isEqualTo("binary");
        assertThat(doc.getMap("components.schemas")).doesNotContainKey("MultipartFormDataInput");
        assertThat(doc.getString("paths.'/api/runs'.post.description"))
                .contains("`Authorization: Bearer <token>`");
    }

    @Test
    void shouldOfferAnExampleManifestThePortalAccepts() {
        String example =
                openApi()
                        .getString(
                                "paths.'/api/runs'.post.requestBody.content.'multipart/form-data'"
                                        + ".schema.properties.manifest.examples[0]");
        assertThat(example).isEqualTo(RunResource.CLAIMS_ONLY_EXAMPLE);
        ManifestValidator.ValidManifest valid =
                QuarkusTransaction.requiringNew().call(() -> validator.validate(example));
        assertThat(valid.benchmark().id).isEqualTo("multifashion");
        assertThat(valid.claims()).hasSize(2);
    }

    @Test
    void shouldServeHyperParametersAsAnObject() {
        assertThat(
                        openApi()
                                .getString(
                                        "components.schemas.RunView.properties.hyperParameters.type"))
                .isEqualTo("object");
        String manifest =
                """
                {"benchmark": "office-home", "backbone": "resnet18", "method": "famo", "optimizer": "adam",
                 "gradientLevel": "param", "seed": 4101, "hyperParameters": {"lr": 0.002, "schedule": "cosine"},
                 "claims": {"art.accuracy": 66.6, "clipart.accuracy": 78.5, "product.accuracy": 90.1,
                            "realWorld.accuracy": 80.2}}""";
        long id =
                given().header("Authorization", Tokens.create("hyper-parameters", 10, 2))
                        .multiPart("manifest", manifest)
                        .when()
                        .post("/api/runs")
                        .then()
                        .statusCode(201)
                        .body("hyperParameters.lr", equalTo(0.002f))
                        .extract()
                        .jsonPath()
                        .getLong("id");
        Map<String, Object> hp =
                given().when()
                        .get("/api/runs/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("hyperParameters");
        assertThat(hp).containsEntry("schedule", "cosine").containsKey("lr");
    }
}
