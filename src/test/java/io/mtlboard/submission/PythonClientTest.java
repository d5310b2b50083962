package io.mtlboard.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's own tests ({@code clients/python/test_*.py}, standard library only)
 * so that they are part of the test suite; skipped with a reason where no {@code python3} exists.
 */
class PythonClientTest {

    @Test
    void shouldPassThePythonClientsTests() throws Exception {
        assumeTrue(
                python3Present(),
                "python3 is not installed: the Python client's tests were not run");
        Process p =
                new ProcessBuilder(
                                "python3",
                                "-m",
                                "unittest",
                                "discover",
                                "-s",
                                "clients/python",
                                "-p",
                                "test_*.py",
                                "-v")
                        .redirectErrorStream(true)
                        .start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the Python tests ended within 120 s").isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK").doesNotContain("Ran 0 tests");
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
