package io.mtlboard.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtlboard.run.SubmissionHardeningTest;
import io.mtlboard.run.SubmissionResourceTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The official Python client ({@code clients/python/submit.py}) against the running portal, as a
 * researcher runs it: a manifest with a 50-epoch training log, sent as a multipart text field, is
 * accepted and its training log served back; a dry run checks a bundle against the portal without
 * submitting it; a missing file is named in one line. Skipped with a reason where no {@code python3}
 * exists.
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

    /** Runs submit.py with the given arguments against this portal: exit status and output. */
    private record Client(int status, String output) {}

    private Client client(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "clients/python/submit.py"));
        command.addAll(List.of("--url", root.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("MTLBOARD_TOKEN");
        Process p = builder.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("submit.py ended within 60 s").isTrue();
        return new Client(
                p.exitValue(),
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldDryRunTheExampleBundleAgainstThePortalWithoutSubmittingIt() throws Exception {
        assumeTrue(python3Present(), "python3 is not installed: the dry run was not tried");
        String token = Tokens.create("python-dry-run", 1, 1).substring("Bearer ".length());
        Client dry =
                client(
                        "--token",
                        token,
                        "--manifest",
                        "clients/python/examples/run.json",
                        "--model",
                        "clients/python/examples/model.pt",
                        "--dry-run");
        assertThat(dry.status()).as(dry.output()).isZero();
        assertThat(dry.output())
                .contains("checked against the schema of the portal at " + root)
                .contains("dry run: nothing sent")
                .contains("claims left.accuracy = 66.5, right.accuracy = 60.31")
                .contains("part model: model.pt, ")
                .doesNotContain(token);
        // the dry run used none of the token's one run a day
        Path manifest = Files.createTempFile("run-", ".json");
        Files.writeString(manifest, SubmissionResourceTest.manifest(4301, 66.6));
        Client real = client("--token", token, "--manifest", manifest.toString(), "--wait");
        assertThat(real.status()).as(real.output()).isZero();
        assertThat(real.output())
                .containsPattern("run \\d+ accepted: claimed")
                .contains("nothing to evaluate");
    }

    @Test
    void shouldListWhatThePortalWouldRefuseInADryRun() throws Exception {
        assumeTrue(python3Present(), "python3 is not installed: the dry run was not tried");
        Path manifest = Files.createTempFile("run-", ".json");
        Files.writeString(
                manifest,
                SubmissionResourceTest.manifest(4302, 66.6)
                        .replace("\"famo\"", "\"no-such-method\"")
                        .replace("\"clipart.accuracy\": 78.5,", ""));
        Client dry = client("--manifest", manifest.toString(), "--dry-run");
        assertThat(dry.status()).as(dry.output()).isEqualTo(3);
        assertThat(dry.output())
                .contains("2 problems; the portal would refuse this bundle")
                .contains("/method: unknown method 'no-such-method'")
                .contains("/claims/clipart.accuracy: required");
    }

    @Test
    void shouldSayInOneLineThatTheModelFileIsMissing() throws Exception {
        assumeTrue(python3Present(), "python3 is not installed: the client was not run");
        Client c =
                client(
                        "--token",
                        "mtlb_unused",
                        "--manifest",
                        "clients/python/examples/run.json",
                        "--model",
                        "no-such-model.pt");
        assertThat(c.status()).isEqualTo(3);
        assertThat(c.output()).isEqualTo("submit.py: model file not found: no-such-model.pt\n");
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
