package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.support.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The OpenAPI document of {@code /api/analysis}: each endpoint's view, its errors, its parameters. */
@QuarkusTest
class AnalysisOpenApiTest {

    @ParameterizedTest
    @CsvSource({
        "ranking-similarity, RankingSimilarityView, coefficient k indicator setting",
        "feature-disentanglement, FeatureDisentanglementView, coefficient k setting",
        "gradients, GradientsView, level indicator granularity setting",
        "levels, LevelsView, ''",
        "optimizers, OptimizersView, coefficient k",
        "robustness, RobustnessView, metric corruption setting",
        "task-grouping, TaskGroupingView, dataset budget"
    })
    void shouldDocumentTheViewTheErrorsAndTheParametersOfEachAnalysis(
            String path, String view, String own) {
        JsonPath doc = OpenApiDocument.fetch();
        String get = "paths.'/api/analysis/" + path + "'.get";
        assertThat(doc.getString(get + ".responses.'200'.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/" + view);
        assertThat(
                        doc.getString(
                                get
                                        + ".responses.'400'.content.'application/problem+json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/Problem");
        List<Map<String, Object>> parameters = doc.getList(get + ".parameters");
        List<String> names = parameters.stream().map(p -> (String) p.get("name")).toList();
        for (String name : own.isBlank() ? new String[0] : own.split(" ")) {
            assertThat(names).as("parameter %s of %s", name, path).contains(name);
        }
        if (!path.equals("task-grouping")) {
            assertThat(names)
                    .contains("benchmark", "backbone", "optimizer", "method", "convention");
        }
        // every parameter says what it takes
        assertThat(parameters)
                .allSatisfy(
                        p -> assertThat((String) p.get("description")).as("%s", p).isNotBlank());
    }
}
