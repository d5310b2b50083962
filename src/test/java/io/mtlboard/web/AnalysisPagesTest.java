package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.mtlboard.analysis.AnalysisFixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analysis pages as HTML, without a browser: controls in the URL's state, explanations, errors. */
@QuarkusTest
class AnalysisPagesTest {

    @BeforeEach
    void loadFixtures() {
        AnalysisFixtures.load();
    }

    @Test
    void shouldLinkTheAnalysisFromTheLayoutAndListEveryPage() {
        given().when().get("/").then().statusCode(200).body(containsString("href=\"/analysis\""));
        given().when()
                .get("/analysis")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("/analysis/ranking-similarity?benchmark=multifashion"))
                .body(containsString("/analysis/task-grouping"))
                .body(containsString("now <code>multifashion</code>"));
    }

    @Test
    void shouldRenderEachPageWithItsExplanationAndTheStateOfTheUrl() {
        given().when()
                .get(
                        "/analysis/ranking-similarity?benchmark=multifashion&coefficient=spearman-rho&optimizer=adam")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"spearman-rho\" selected>"))
                .body(containsString("<option value=\"adam\" selected>"))
                .body(containsString("<option value=\"lenet5\" selected>"))
                .body(containsString("arxiv.org/abs/2402.03557"))
                .body(containsString("/static/js/analysis-ranking.js"));
        given().when()
                .get(
                        "/analysis/feature-disentanglement?benchmark=multifashion&backbone=lenet5&method=ew")
                .then()
                .statusCode(200)
                .body(containsString("FD&nbsp;=&nbsp;1&nbsp;−&nbsp;mean"))
                .body(containsString("value=\"ew\" checked"))
                .body(not(containsString("value=\"uw\" checked")));
        given().when()
                .get("/analysis/gradients?benchmark=multifashion&level=feature")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"feature\" selected>"))
                .body(containsString("arxiv.org/abs/2311.04698"))
                .body(containsString("Plotted: <span id=\"granularity-name\">batch</span>"));
        given().when()
                .get("/analysis/gradients?benchmark=multifashion&granularity=per-sample")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"per-sample\" selected>"))
                .body(containsString("two tasks&#39; gradients on one and the same sample"));
        given().when()
                .get("/analysis/levels?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body(containsString("only MGDA and Aligned-MTL"));
        given().when()
                .get("/analysis/optimizers?benchmark=multifashion")
                .then()
                .statusCode(200)
                .body(containsString("Adam vs SGD"));
        given().when()
                .get("/analysis/robustness?benchmark=multifashion&corruption=contrast")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"contrast\" selected>"))
                .body(not(containsString("control-convention")))
                .body(containsString("Measured by MTLBoard"));
        given().when()
                .get("/analysis/robustness?benchmark=nyuv2")
                .then()
                .statusCode(200)
                .body(containsString("Table A9"))
                .body(containsString("Table A11"))
                .body(containsString("heads are fine-tuned on corrupted training data"))
                .body(containsString("-0.1947"));
        given().when()
                .get("/analysis/task-grouping?budget=3")
                .then()
                .statusCode(200)
                .body(containsString("Standley et al. 2020, Setting 1 (Taskonomy)"))
                .body(containsString("https://arxiv.org/abs/1905.07553"))
                .body(
                        containsString(
                                "networks chosen on validation losses and scored on test losses"))
                .body(containsString("value=\"3.0\""))
                .body(containsString("cost,semseg,depth,normals,keypoints,edges"));
    }

    /** Every analysis page says in one line where its numbers come from and links the paper behind it. */
    @Test
    void shouldStateTheSourceAndProtocolOfEveryPageInOneLineWithThePaper() {
        Map<String, String> pages =
                Map.of(
                        "/analysis/ranking-similarity?benchmark=multifashion",
                                "arxiv.org/abs/2402.03557",
                        "/analysis/feature-disentanglement?benchmark=multifashion",
                                "arxiv.org/abs/2402.03557",
                        "/analysis/levels?benchmark=multifashion", "arxiv.org/abs/2402.03557",
                        "/analysis/gradients?benchmark=multifashion", "arxiv.org/abs/2311.04698",
                        "/analysis/optimizers?benchmark=nyuv2", "arxiv.org/abs/2311.04698",
                        "/analysis/robustness?benchmark=cityscapes", "arxiv.org/abs/2311.04698",
                        "/analysis/task-grouping", "arxiv.org/abs/1905.07553");
        pages.forEach(
                (page, paper) ->
                        given().when()
                                .get(page)
                                .then()
                                .statusCode(200)
                                .body(containsString("class=\"source-line\""))
                                .body(containsString(paper)));
        given().when()
                .get("/analysis/optimizers?benchmark=nyuv2")
                .then()
                .body(containsString("7 SGD and 7 signSGD pair(s) published: Elich"));
    }

    @Test
    void shouldOpenOnTheBenchmarkWithTheMostLoggedRuns() {
        given().when()
                .get("/analysis/gradients")
                .then()
                .statusCode(200)
                .body(containsString("<option value=\"multifashion\" selected>"));
    }

    @Test
    void shouldAnswerInvalidParametersWithAnHtmlErrorListingTheAllowedValues() {
        given().when()
                .get("/analysis/ranking-similarity?benchmark=multifashion&coefficient=pearson")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("kendall-tau-b, spearman-rho, top-k-overlap"))
                .body(not(containsString("Exception")));
        given().when()
                .get("/analysis/robustness?benchmark=atlantis")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("allowed values"));
        given().when()
                .get("/analysis/task-grouping?budget=-1")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"));
    }
}
