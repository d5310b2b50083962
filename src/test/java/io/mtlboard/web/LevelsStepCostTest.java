package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.imports.WithBundledReferenceRuns;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The levels page compares the training time of MTLBoard's reference pairs by the protocol's
 * measured step cost (benchmarks-data/reference/multifashion/step-cost/mf-lenet5-v2.json), not by
 * the runs' logged wall times; pairs of a protocol without a table keep the logged times, marked.
 */
@QuarkusTest
class LevelsStepCostTest extends WithBundledReferenceRuns {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldCompareReferencePairsByTheMeasuredCpuTimePerStep() throws IOException {
        Map<String, Double> table = new HashMap<>();
        for (JsonNode e :
                JSON.readTree(
                                Path.of(
                                                "benchmarks-data/reference/multifashion/step-cost/"
                                                        + "mf-lenet5-v2.json")
                                        .toFile())
                        .path("entries")) {
            table.put(
                    e.path("method").asText() + "/" + e.path("level").asText(),
                    e.path("cpuMsPerStep").path("median").asDouble());
        }
        JsonNode view =
                JSON.readTree(
                        given().when()
                                .get("/api/analysis/levels?benchmark=multifashion&source=reference")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString());
        int measured = 0;
        int logged = 0;
        for (JsonNode p : view.path("pairs")) {
            String setting = p.path("setting").path("id").asText();
            String method = p.path("method").asText();
            if (setting.endsWith("@mf-lenet5-v2")) {
                measured++;
                assertThat(p.path("timeBasis").asText()).isEqualTo("step-cost");
                double param = p.path("first").path("stepCpuMs").path("median").asDouble();
                double feature = p.path("second").path("stepCpuMs").path("median").asDouble();
                assertThat(param).isEqualTo(table.get(method + "/param"));
                assertThat(feature).isEqualTo(table.get(method + "/feature"));
                assertThat(p.path("timeRatio").asDouble()).isCloseTo(feature / param, within(1e-9));
            } else {
                logged++;
                assertThat(p.path("first").path("stepCpuMs").isNull()).isTrue();
                if (!p.path("timeRatio").isNull()) {
                    assertThat(p.path("timeBasis").asText()).isEqualTo("logged");
                }
            }
        }
        // every gradient method of the protocol is paired (the legacy v1 pairs, timed by their
        // logged wall times, were retired once v2 had three seeds of each)
        assertThat(measured).isGreaterThanOrEqualTo(12);
        assertThat(logged).isGreaterThanOrEqualTo(0);
        assertThat(view.path("notes").toString())
                .contains("CPU milliseconds per training step")
                .contains("mf-lenet5-v2");
        // the methods that carry per-coordinate gradients across steps are paired too, and the
        // page says once each why their feature-level rows are no variant of them
        long caveats = 0;
        for (JsonNode n : view.path("notes")) {
            if (n.asText().contains("mixes the gradients of different samples")) {
                caveats++;
                assertThat(n.asText()).matches("(DB-MTL|MoCo) carries its task gradients.*");
            }
        }
        assertThat(caveats).isEqualTo(2);
        String page =
                given().when()
                        .get("/analysis/levels?benchmark=multifashion&source=reference")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertThat(page)
                .contains(" ms/step</td>")
                .contains("× per step</td>")
                .contains(
                        "<p class=\"note warn\">Time of the MTLBoard reference pairs of mf-lenet5-v2")
                .contains("<p class=\"note warn\">MoCo carries its task gradients across steps");
    }
}
