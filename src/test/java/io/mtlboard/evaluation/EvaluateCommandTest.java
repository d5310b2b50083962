package io.mtlboard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code evaluate} says in one line what keeps it from starting (run outside the repository root,
 * a mistyped benchmark or path), with exit status 3 and no stack trace; its progress line says what
 * it counts.
 */
class EvaluateCommandTest {

    private static final String MODEL = "src/test/resources/models/multifashion-good.pt";

    private record Run(int status, String out, String err) {}

    private static Run evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void shouldNameTheMissingBenchmarksDirectoryOutsideTheRepositoryRoot(@TempDir Path elsewhere) {
        Path dir = elsewhere.resolve("benchmarks-data");
        Run r =
                evaluate(
                        "--model",
                        MODEL,
                        "--benchmark",
                        "multifashion",
                        "--benchmarks-dir",
                        dir.toString());
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err().strip())
                .isEqualTo(
                        "benchmarks directory not found: "
                                + dir.toAbsolutePath()
                                + "; use --benchmarks-dir (the repository's benchmarks-data) or run"
                                + " from the repository root");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldListTheKnownBenchmarksForAnUnknownOne() {
        Run r = evaluate("--model", MODEL, "--benchmark", "multifashon");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err().strip())
                .startsWith("unknown benchmark 'multifashon' in ")
                .contains("known: ")
                .contains("multifashion")
                .doesNotContain("Exception")
                .doesNotContain("\n");
    }

    @Test
    void shouldNameAMissingModelOrManifestFile(@TempDir Path dir) throws Exception {
        Run noModel = evaluate("--model", "no-such-model.pt", "--benchmark", "multifashion");
        assertThat(noModel.status()).isEqualTo(3);
        assertThat(noModel.err().strip())
                .isEqualTo("model file not found: " + Path.of("no-such-model.pt").toAbsolutePath());
        Run noManifest =
                evaluate(
                        "--model",
                        MODEL,
                        "--benchmark",
                        "multifashion",
                        "--manifest",
                        "no-such-run.json");
        assertThat(noManifest.err().strip())
                .isEqualTo(
                        "manifest file not found: " + Path.of("no-such-run.json").toAbsolutePath());
        Path broken = Files.writeString(dir.resolve("run.json"), "{\"claims\": {\n");
        Run notJson =
                evaluate(
                        "--model",
                        MODEL,
                        "--benchmark",
                        "multifashion",
                        "--manifest",
                        broken.toString());
        assertThat(notJson.status()).isEqualTo(3);
        assertThat(notJson.err().strip())
                .startsWith("manifest " + broken + " is not valid JSON: ")
                .doesNotContain("\n");
    }

    @Test
    void shouldSayWhatTheProgressLineCounts() {
        EvaluateCommand.ProgressBar withRobustness = new EvaluateCommand.ProgressBar(40);
        assertThat(withRobustness.legend(10_000, 410_000))
                .isEqualTo(
                        "samples = test images scored: the 10000 images of the test split, then the"
                                + " same images under 8 corruptions x 5 severities (40 corrupted"
                                + " copies) for robustness, 410000 in all; --no-robustness skips"
                                + " the copies");
        assertThat(new EvaluateCommand.ProgressBar(0).legend(10_000, 10_000))
                .isEqualTo("samples = test images scored: the 10000 images of the test split");
    }

    @Test
    void shouldRefuseFewerThanOneThread() {
        Run r = evaluate("--model", MODEL, "--benchmark", "multifashion", "--threads", "0");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--threads must be at least 1, not 0");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void shouldDocumentThePureScoringPassAndTheThreadsInItsHelp() {
        Run r = evaluate("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out())
                .contains("--[no-]efficiency")
                .contains("--no-efficiency skips these runs")
                .contains("--threads=N")
                .contains("--[no-]robustness");
    }
}
