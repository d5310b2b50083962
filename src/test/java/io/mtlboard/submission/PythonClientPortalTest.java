package io.mtlboard.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtlboard.run.SubmissionHardeningTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The official Python client ({@code clients/python/submit.py}) against the running portal, as a
 * researcher runs it: a manifest with a 50-epoch training log, sent as a multipart text field, is
 * accepted and its training log served back. Skipped with a reason where no {@code python3} exists.
 */
@QuarkusTest
class PythonClientPortalTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void shouldSubmitAManifestWithA50EpochTrainingLog() throws Exception {
        assumeTrue(
                python3Present(),
                "python3 is not installed: the Python client was not run against the portal");
        String token = Tokens.create("python-client", 10, 2).substring("Bearer ".length());
        Path manifest = Files.createTempFile("run-", ".json");
        Files.writeString(manifest, SubmissionHardeningTest.manifestWithLog(61, 50));
        Process p =
                new ProcessBuilder(
                                "python3",
                                "clients/python/submit.py",
                                "--url",
                                root.toString(),
                                "--token",
                                token,
                                "--manifest",
                                manifest.toString(),
                                "--retries",
                                "0")
                        .redirectErrorStream(true)
                        .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        Matcher id = Pattern.compile("run (\\d+) accepted").matcher(output);
        assertThat(id.find()).as(output).isTrue();
        given().when()
                .get("/api/runs/" + id.group(1) + "/training-log")
                .then()
                .statusCode(200)
                .body("size()", Matchers.equalTo(50))
                .body("[49].epoch", Matchers.equalTo(50));
    }

    private static boolean python3Present() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
