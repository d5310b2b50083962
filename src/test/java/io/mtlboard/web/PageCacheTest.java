package io.mtlboard.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.mtlboard.run.LeaderboardVersion;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PageCacheTest {

    @Inject LeaderboardVersion version;
    @Inject Scheduler scheduler;

    /**
     * The versions also follow the database through a poll every two seconds, which notices the
     * runs earlier tests wrote or removed up to two seconds later: paused here, so that only this
     * test changes a version between two requests.
     */
    @BeforeEach
    void pauseThePoll() {
        scheduler.pause();
    }

    @AfterEach
    void resumeThePoll() {
        scheduler.resume();
    }

    @Test
    void shouldAnswerNotModifiedWhenTheLeaderboardPageIsUnchanged() {
        Response first = given().get("/leaderboards/nyuv2?optimizer=adam&backbone=segnet-mtan");
        first.then()
                .statusCode(200)
                .header("Cache-Control", "no-cache")
                .contentType(containsString("text/html"));
        String etag = first.getHeader("ETag");
        assertThat(etag).isNotBlank();
        // the same query with its parameters in another order is the same page
        given().header("If-None-Match", etag)
                .get("/leaderboards/nyuv2?backbone=segnet-mtan&optimizer=adam")
                .then()
                .statusCode(304)
                .header("ETag", etag)
                .header("Cache-Control", "no-cache")
                .body(emptyString());
        given().get("/leaderboards/nyuv2?backbone=segnet-mtan&optimizer=adam")
                .then()
                .statusCode(200)
                .body(equalTo(first.asString()));
    }

    @Test
    void shouldRenderAgainWhenTheBenchmarksDataChanges() {
        String before = given().get("/leaderboards/nyuv2").getHeader("ETag");
        String home = given().get("/").getHeader("ETag");
        String otherBoard = given().get("/leaderboards/office-home").getHeader("ETag");
        version.bump("nyuv2");
        given().header("If-None-Match", before)
                .get("/leaderboards/nyuv2")
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(before)));
        // the home page counts rows of every benchmark; another benchmark's page is untouched
        given().header("If-None-Match", home)
                .get("/")
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(home)));
        given().header("If-None-Match", otherBoard)
                .get("/leaderboards/office-home")
                .then()
                .statusCode(304);
    }

    @Test
    void shouldNotCacheAnInvalidQuery() {
        for (int i = 0; i < 2; i++) {
            // pages show their problems as HTML
            given().get("/leaderboards/nyuv2?sort=nonsense")
                    .then()
                    .statusCode(400)
                    .body(containsString("nonsense"))
                    .body(containsString("is not allowed"));
        }
        given().get("/leaderboards/no-such-benchmark").then().statusCode(404);
    }

    @Test
    void shouldCacheBenchmarkMethodHomeAndAnalysisPages() {
        for (String path :
                new String[] {
                    "/",
                    "/benchmarks/nyuv2",
                    "/methods/mgda",
                    "/analysis/ranking-similarity",
                    "/analysis/task-grouping"
                }) {
            Response page = given().get(path);
            page.then().statusCode(200).header("Cache-Control", "no-cache");
            given().header("If-None-Match", page.getHeader("ETag"))
                    .get(path)
                    .then()
                    .statusCode(304);
        }
    }

    @Test
    void shouldServeVersionedStaticFilesAsImmutable() {
        String html = given().get("/leaderboards/nyuv2").asString();
        Matcher m = Pattern.compile("/static/js/leaderboard\\.js\\?v=[0-9a-f]+").matcher(html);
        assertThat(m.find()).isTrue();
        String versioned = m.group();
        given().get(versioned)
                .then()
                .statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .body(containsString("function"));
        given().get("/static/js/leaderboard.js")
                .then()
                .statusCode(200)
                .header("Cache-Control", not(containsString("31536000")));
        assertThat(StaticAssets.url("css/mtlboard.css"))
                .matches("/static/css/mtlboard\\.css\\?v=[0-9a-f]{12}");
    }

    @Test
    void shouldRevalidateUnversionedStaticFilesByTheirContentHash() {
        // a module's relative imports are asked for without ?v=: never cached unchecked, 304 while
        // unchanged
        Response first = given().get("/static/js/http.js");
        String hash = StaticAssets.url("js/http.js").replaceAll(".*\\?v=", "");
        first.then()
                .statusCode(200)
                .header("Cache-Control", "no-cache")
                .header("ETag", "W/\"" + hash + "\"")
                .body(containsString("export"));
        given().header("If-None-Match", first.getHeader("ETag"))
                .get("/static/js/http.js")
                .then()
                .statusCode(304)
                .header("Cache-Control", "no-cache")
                .header("ETag", "W/\"" + hash + "\"");
        // another content: the entity tag decides, whatever the date says
        given().header("If-None-Match", "W/\"000000000000\"")
                .header("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")
                .get("/static/js/http.js")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-cache");
        given().header("If-None-Match", "*")
                .get("/static/js/no-such-module.js")
                .then()
                .statusCode(404);
    }
}
