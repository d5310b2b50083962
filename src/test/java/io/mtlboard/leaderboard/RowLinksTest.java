package io.mtlboard.leaderboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.submission.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The code link of a leaderboard row: the code its submitter linked wins; without one, the method
 * authors' repository from the registry.
 */
@QuarkusTest
class RowLinksTest {

    private static final String OWN_CODE = "https://example.org/lab/pcgrad-variant";

    private final List<Long> submitted = new ArrayList<>();
    private String token;

    /** A claims-only Office-Home run of a method, with or without a code link of its own. */
    private long submit(String method, String codeUrl) {
        String manifest =
                """
                {"benchmark": "office-home", "backbone": "resnet18", "method": "%s", "optimizer": "adam",
                 "gradientLevel": "param", "seed": 0, "description": "links test"%s,
                 "claims": {"art.accuracy": 61.0, "clipart.accuracy": 70.0, "product.accuracy": 80.0,
                            "realWorld.accuracy": 75.0}}"""
                        .formatted(
                                method,
                                codeUrl == null ? "" : ", \"codeUrl\": \"" + codeUrl + "\"");
        long id =
                given().header("Authorization", token)
                        .multiPart("manifest", manifest)
                        .when()
                        .post("/api/runs")
                        .then()
                        .statusCode(201)
                        .extract()
                        .jsonPath()
                        .getLong("id");
        submitted.add(id);
        return id;
    }

    @AfterEach
    void withdraw() {
        for (long id : submitted) {
            given().header("Authorization", token).when().delete("/api/runs/" + id);
        }
    }

    private static Map<?, ?> links(String method) {
        List<Map<String, Object>> rows =
                given().get(
                                "/api/leaderboards/office-home?source=claimed&method="
                                        + method
                                        + "&size=500")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("rows");
        return rows.stream()
                .filter(
                        r ->
                                ((Map<?, ?>) r.get("setting"))
                                        .get("id")
                                        .toString()
                                        .startsWith("resnet18@"))
                .map(r -> (Map<?, ?>) r.get("links"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldPreferTheRunsOwnCodeAndElseLinkTheAuthorsRepository() {
        token = Tokens.create("links", 10, 4);
        submit("pcgrad", OWN_CODE);
        submit("nash-mtl", null);
        Map<?, ?> own = links("pcgrad");
        assertThat(own.get("code")).isEqualTo(OWN_CODE);
        assertThat(own.get("codeSource")).isEqualTo("run");
        Map<?, ?> registry = links("nash-mtl");
        assertThat(registry.get("code")).isEqualTo("https://github.com/AvivNavon/nash-mtl");
        assertThat(registry.get("codeSource")).isEqualTo("method");
        assertThat(registry.get("paper")).isEqualTo("https://arxiv.org/abs/2202.01017");
        // the page says whose code it is
        String html =
                given().get("/leaderboards/office-home?source=claimed&method=pcgrad")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(html)
                .contains(
                        "<a href=\""
                                + OWN_CODE
                                + "\" rel=\"noopener\" class=\"code-link\" data-code-source=\"run\"");
    }
}
