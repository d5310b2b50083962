package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Backbone;
import io.mtlboard.benchmark.Method;
import io.mtlboard.imports.BundledReferenceRuns;
import io.mtlboard.leaderboard.TestRuns;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.mtlboard.run.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The home page at a glance: per benchmark the best row of each setting with its Δm (read from the
 * leaderboard JSON, not assumed), the rows by source, and the latest verified submissions.
 */
@QuarkusTest
class HomePageTest {

    @Inject LeaderboardVersion version;

    @Inject BundledReferenceRuns bundled;

    private Long made;

    @AfterEach
    void removeTheRun() {
        if (made != null) {
            QuarkusTransaction.requiringNew().run(() -> Run.deleteById(made));
            version.bump("office-home", made);
        }
    }

    @Test
    void shouldShowTheBestRowOfEverySettingWithItsDeltaM() {
        JsonPath board =
                given().queryParam("size", 500)
                        .get("/api/leaderboards/nyuv2")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String home = given().get("/").then().statusCode(200).extract().asString();
        int start = home.indexOf("<section class=\"glance-card\" data-benchmark=\"nyuv2\">");
        assertThat(start).as("an at-a-glance card for NYUv2").isPositive();
        String card = home.substring(start, home.indexOf("</section>", start));
        List<Map<String, Object>> rows = board.getList("rows");
        Map<String, Object> first = board.getMap("settings[0]");
        Map<String, Object> best =
                rows.stream()
                        .filter(r -> Integer.valueOf(1).equals(r.get("rank")))
                        .filter(
                                r ->
                                        first.get("id")
                                                .equals(((Map<?, ?>) r.get("setting")).get("id")))
                        .findFirst()
                        .orElseThrow();
        double delta =
                ((Number) ((Map<?, ?>) ((Map<?, ?>) best.get("deltaM")).get("perTask")).get("mean"))
                        .doubleValue();
        assertThat(card)
                .contains((String) first.get("label"))
                .contains("<strong>" + best.get("methodLabel") + "</strong>")
                .contains("Δm " + WebFormat.signed(delta))
                .contains("1st of " + first.get("ranked"));
        long literature = rows.stream().filter(r -> "literature".equals(r.get("source"))).count();
        assertThat(card).contains(literature + " literature");
        // the benchmarks without rows have no card
        assertThat(home)
                .doesNotContain("<section class=\"glance-card\" data-benchmark=\"celeba\">");
    }

    @Test
    void shouldSayWhenASettingsRanksAreNotTestedAgainstSeedNoise() {
        bundled.load();
        try {
            checkTheUntestedRanksOfEveryCard();
        } finally {
            bundled.remove();
        }
    }

    private void checkTheUntestedRanksOfEveryCard() {
        String home = given().get("/").then().statusCode(200).extract().asString();
        int checked = 0;
        int untested = 0;
        int publishedMeans = 0;
        for (String benchmark :
                List.of(
                        "fashionscenes",
                        "multifashion",
                        "cityscapes",
                        "nyuv2",
                        "multi-fashion-mnist")) {
            JsonPath board =
                    given().queryParam("size", 1)
                            .get("/api/leaderboards/" + benchmark)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
            int start =
                    home.indexOf(
                            "<section class=\"glance-card\" data-benchmark=\"" + benchmark + "\">");
            assertThat(start).as("an at-a-glance card for %s", benchmark).isNotNegative();
            String card = home.substring(start, home.indexOf("</section>", start));
            for (Map<String, Object> setting : board.<Map<String, Object>>getList("settings")) {
                int at = card.indexOf("?setting=" + setting.get("id") + "\"");
                if (at < 0) {
                    continue; // beyond the settings the card lists
                }
                String item = card.substring(at, card.indexOf("</li>", at));
                Map<?, ?> noise = (Map<?, ?>) setting.get("seedNoise");
                int ranked = (Integer) setting.get("ranked");
                int single =
                        noise == null || Boolean.TRUE.equals(noise.get("appliedToSingleSeed"))
                                ? 0
                                : (Integer) noise.get("singleSeed");
                boolean caveat = single > 0 && ranked > 1;
                assertThat(item.contains("not tested against seed noise"))
                        .as(
                                "%s: %d of %d ranked rows on one seed untested",
                                setting.get("id"), single, ranked)
                        .isEqualTo(caveat);
                if (caveat) {
                    int means = (Integer) noise.get("meansWithoutStd");
                    String what =
                            means == 0
                                    ? (single == ranked ? "rests on one seed" : "rest on one seed")
                                    : means == single
                                            ? (single == ranked
                                                    ? "is a published mean without its std for per-task Δm"
                                                    : "are published means without their std for per-task Δm")
                                            : "(one seed, or a published mean without its std)";
                    assertThat(item)
                            .contains(
                                    (single == ranked
                                                    ? "every ranked row "
                                                    : single + " of the ranked rows ")
                                            + (what.startsWith("(") ? "" : what))
                            .contains(what);
                    untested++;
                    publishedMeans += means;
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
        // the legacy FashionScenes setting ranks 8 rows of one seed each with no pooled std
        assertThat(untested).isPositive();
        // Multi-(Fashion+MNIST) rows are means over 3 seeds whose std the publication did not
        // print:
        // they are no single-seed rows
        assertThat(publishedMeans).isPositive();
    }

    @Test
    void shouldListTheLatestVerifiedSubmission() {
        made =
                QuarkusTransaction.requiringNew()
                        .call(
                                () -> {
                                    Run run = TestRuns.submitted(RunStatus.VERIFIED);
                                    run.backbone = Backbone.byId("lenet5").orElseThrow();
                                    run.method = Method.byId("pcgrad").orElseThrow();
                                    run.persist();
                                    return run.id;
                                });
        version.bump("office-home", made);
        String home = given().get("/").then().statusCode(200).extract().asString();
        assertThat(home).contains("id=\"recent\"");
        String recent = home.substring(home.indexOf("id=\"recent\""));
        recent = recent.substring(0, recent.indexOf("</table>"));
        assertThat(recent)
                .contains("<a href=\"/runs/" + made + "\">" + made + "</a>")
                .contains("PCGrad (adam, param)");
    }
}
