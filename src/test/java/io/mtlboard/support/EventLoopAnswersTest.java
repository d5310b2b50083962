package io.mtlboard.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.startsWith;

import io.mtlboard.run.LeaderboardVersion;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.Header;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventLoopAnswersTest {

    @Inject LeaderboardVersion version;
    @Inject EventLoopAnswers answers;
    @Inject Scheduler scheduler;

    /** Only this test changes a version between two requests (as in the page cache's test). */
    @BeforeEach
    void pauseThePoll() {
        scheduler.pause();
    }

    @AfterEach
    void resumeThePoll() {
        scheduler.resume();
    }

    /**
     * Every header but the connection's own, by lower-case name; the length of a compressed body
     * depends on how it was written (at once or in parts), its content not.
     */
    private static Map<String, String> headers(Response r) {
        Map<String, String> h = new TreeMap<>();
        for (Header header : r.getHeaders()) {
            String name = header.getName().toLowerCase();
            if (!name.equals("date") && !name.equals("connection") && !name.equals("keep-alive")) {
                h.merge(name, header.getValue(), (a, b) -> a + ", " + b);
            }
        }
        if (h.containsKey("content-encoding")) {
            h.remove("content-length");
        }
        return h;
    }

    @Test
    void shouldAnswerARepeatedPageAndJsonReadExactlyAsTheRestLayerDid() {
        for (String path :
                new String[] {
                    "/leaderboards/nyuv2?optimizer=adam&sort=rank",
                    "/api/leaderboards/nyuv2?size=7",
                    "/",
                    "/benchmarks/office-home",
                    "/analysis/ranking-similarity?benchmark=nyuv2"
                }) {
            version.bump("nyuv2"); // a fresh version: the first read is the REST layer's
            long before = answers.served();
            Response rest = given().get(path);
            rest.then().statusCode(200);
            assertThat(answers.served()).as(path).isEqualTo(before);
            Response fast = given().get(path);
            assertThat(answers.served()).as(path).isEqualTo(before + 1);
            assertThat(fast.statusCode()).isEqualTo(200);
            assertThat(fast.asByteArray()).as(path).isEqualTo(rest.asByteArray());
            assertThat(headers(fast)).as(path).isEqualTo(headers(rest));

            // revalidation: 304 with the same headers as the REST layer's 304
            String etag = fast.getHeader("ETag");
            answers.forget();
            long served = answers.served();
            Response rest304 = given().header("If-None-Match", etag).get(path);
            assertThat(answers.served()).as(path).isEqualTo(served);
            Response fast304 = given().header("If-None-Match", "\"x\", W/" + etag).get(path);
            assertThat(answers.served()).as(path).isEqualTo(served + 1);
            assertThat(rest304.statusCode()).isEqualTo(304);
            assertThat(fast304.statusCode()).isEqualTo(304);
            fast304.then().body(emptyString());
            assertThat(headers(fast304)).as(path).isEqualTo(headers(rest304));
        }
    }

    @Test
    void shouldNeverAnswerWithAStaleVersion() {
        String path = "/leaderboards/nyuv2";
        given().get(path);
        String old = given().get(path).getHeader("ETag");
        long served = answers.served();
        version.bump("nyuv2");
        String fresh = given().get(path).getHeader("ETag");
        assertThat(answers.served()).isEqualTo(served);
        assertThat(fresh).isNotEqualTo(old);
        // a site page (several benchmarks) goes stale with any benchmark's change
        given().get("/");
        given().get("/");
        served = answers.served();
        version.bump("office-home");
        given().get("/");
        assertThat(answers.served()).isEqualTo(served);
        // another benchmark's page stays current
        given().get("/leaderboards/nyuv2");
        assertThat(answers.served()).isEqualTo(served + 1);
    }

    @Test
    void shouldKeepTheRepresentationsOfOneTargetApart() {
        String path = "/api/leaderboards/nyuv2?size=3";
        given().get(path).then().statusCode(200).contentType(startsWith("application/json"));
        given().get(path);
        // CSV by Accept: another answer, never remembered (its own headers), never the JSON
        for (int i = 0; i < 2; i++) {
            long served = answers.served();
            given().accept("text/csv")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("text/csv"))
                    .header("Content-Disposition", startsWith("attachment"));
            assertThat(answers.served()).isEqualTo(served);
        }
        // HEAD and other methods pass to the REST layer
        long served = answers.served();
        given().head(path).then().statusCode(200);
        given().post(path).then().statusCode(405);
        assertThat(answers.served()).isEqualTo(served);
    }

    @Test
    void shouldCompressAsTheRestLayerDoes() {
        String path = "/leaderboards/office-home";
        version.bump("office-home");
        RestAssuredConfig raw =
                RestAssuredConfig.config()
                        .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        Response rest = given().config(raw).header("Accept-Encoding", "gzip").get(path);
        long served = answers.served();
        Response fast = given().config(raw).header("Accept-Encoding", "gzip").get(path);
        assertThat(answers.served()).isEqualTo(served + 1);
        assertThat(fast.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(headers(fast)).isEqualTo(headers(rest));
    }

    @Test
    void shouldTagAnswersInTheMetricsByTheRouteTemplateNotTheConcretePath() {
        for (int i = 0; i < 3; i++) {
            given().get("/methods/mgda").then().statusCode(200);
            given().get("/api/leaderboards/office-home").then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics)
                .contains("uri=\"/methods/{id}\"")
                .contains("uri=\"/api/leaderboards/{benchmarkId}\"")
                .doesNotContain("uri=\"/methods/mgda\"")
                .doesNotContain("uri=\"/api/leaderboards/office-home\"");
    }

    @Test
    void shouldMatchEntityTagsWeakly() {
        assertThat(EventLoopAnswers.matches("\"a\"", "\"a\"")).isTrue();
        assertThat(EventLoopAnswers.matches("W/\"a\"", "\"a\"")).isTrue();
        assertThat(EventLoopAnswers.matches("\"b\", \"a\"", "\"a\"")).isTrue();
        assertThat(EventLoopAnswers.matches("*", "\"a\"")).isTrue();
        assertThat(EventLoopAnswers.matches("\"b\"", "\"a\"")).isFalse();
        assertThat(EventLoopAnswers.matches("a", "\"a\"")).isFalse();
    }
}
