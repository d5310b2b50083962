package io.mtlboard.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code token create} against the running portal: it takes the admin token from the variable the
 * portal reads it from (the older variable as a fallback), prints only the secret on standard
 * output, and says in one line what is wrong when it cannot create a token.
 */
@QuarkusTest
class TokenCommandTest {

    private static final String ADMIN = Tokens.ADMIN.substring("Bearer ".length());

    @TestHTTPResource("/")
    URL root;

    private record Run(int status, String out, String err) {}

    private static Run create(Map<String, String> environment, String... args) {
        TokenCommand.Create command = new TokenCommand.Create();
        command.environment = environment::get;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void shouldTakeTheAdminTokenFromThePortalsVariableAndPrintOnlyTheSecret() {
        Run r =
                create(
                        Map.of("MTLBOARD_SUBMISSION_ADMIN_TOKEN", ADMIN),
                        "--name",
                        "cli-alice",
                        "--url",
                        root.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).matches("mtlb_\\S+\\R");
        assertThat(r.err()).contains("for cli-alice (the secret is shown once)");
        given().header("Authorization", "Bearer " + r.out().strip())
                .multiPart("manifest", "{}")
                .when()
                .post("/api/runs")
                .then()
                .statusCode(400);
    }

    @Test
    void shouldFallBackToTheOlderVariableAndPreferTheOption() {
        Run old =
                create(
                        Map.of("MTLBOARD_ADMIN_TOKEN", ADMIN),
                        "--name",
                        "cli-bob",
                        "--url",
                        root.toString());
        assertThat(old.status()).as(old.err()).isZero();
        Run option =
                create(
                        Map.of("MTLBOARD_SUBMISSION_ADMIN_TOKEN", "wrong"),
                        "--name",
                        "cli-carol",
                        "--admin-token",
                        ADMIN,
                        "--url",
                        root.toString());
        assertThat(option.status()).as(option.err()).isZero();
    }

    @Test
    void shouldSayInOneLineWhatIsWrong() throws Exception {
        Run none = create(Map.of(), "--name", "cli-dave", "--url", root.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err().strip())
                .isEqualTo(
                        "no admin token: give --admin-token or set MTLBOARD_SUBMISSION_ADMIN_TOKEN"
                                + " (the portal's initial admin token, mtlboard.submission.admin-token)");
        Run refused =
                create(
                        Map.of("MTLBOARD_SUBMISSION_ADMIN_TOKEN", "not-the-admin-token"),
                        "--name",
                        "cli-erin",
                        "--url",
                        root.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err().strip())
                .startsWith("the portal at " + root + " refused the admin token (HTTP 401)")
                .doesNotContain("\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Run unreachable =
                create(
                        Map.of("MTLBOARD_SUBMISSION_ADMIN_TOKEN", ADMIN),
                        "--name",
                        "cli-frank",
                        "--url",
                        "http://127.0.0.1:" + port);
        assertThat(unreachable.status()).isEqualTo(1);
        assertThat(unreachable.err().strip())
                .isEqualTo(
                        "portal not reachable at http://127.0.0.1:"
                                + port
                                + ": start it (java -jar target/quarkus-app/quarkus-run.jar) or give"
                                + " --url");
    }
}
