package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The convergence facts of validation curves, worked by hand. */
class ConvergenceTest {

    private static List<Map<String, Object>> log(double[] left, double[] right) {
        List<Map<String, Object>> log = new ArrayList<>();
        for (int e = 0; e < left.length; e++) {
            log.add(
                    Map.of(
                            "epoch",
                            e + 1,
                            "validation",
                            Map.of("left.accuracy", left[e], "right.accuracy", right[e])));
        }
        return log;
    }

    private static BenchmarkManifest multifashion() throws IOException {
        return BenchmarkManifestReader.read(Path.of("benchmarks-data/multifashion/benchmark.json"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldCallACurveConvergedWhenItMovedLessThanTheThresholdOverTwoEpochs()
            throws IOException {
        // left: mean of the last two (80.4, 80.2) = 80.3 against (79.8, 80.3) = 80.05: 0.25
        // (converged);
        // right: (70.3, 70.5) = 70.4 against (69.9, 70.0) = 69.95: 0.45 (not)
        Map<String, Object> c =
                Convergence.of(
                        multifashion(),
                        log(
                                new double[] {70, 79.8, 80.3, 80.4, 80.2},
                                new double[] {60, 69.9, 70.0, 70.3, 70.5}),
                        0.3);
        Map<String, Object> left =
                (Map<String, Object>) ((Map<String, Object>) c.get("tasks")).get("left");
        Map<String, Object> right =
                (Map<String, Object>) ((Map<String, Object>) c.get("tasks")).get("right");
        assertThat((double) left.get("change")).isCloseTo(0.25, Offset.offset(1e-9));
        assertThat(left.get("converged")).isEqualTo(true);
        // the best so far rose from 80.3 (epochs 1–3) to 80.4
        assertThat((double) left.get("bestSoFarGain")).isCloseTo(0.1, Offset.offset(1e-9));
        assertThat((double) right.get("change")).isCloseTo(0.45, Offset.offset(1e-9));
        assertThat(right.get("converged")).isEqualTo(false);
        assertThat(c.get("converged")).isEqualTo(false);
        assertThat(
                        Convergence.of(
                                        multifashion(),
                                        log(
                                                new double[] {70, 79.8, 80.3, 80.4, 80.2},
                                                new double[] {60, 69.9, 70.0, 70.1, 70.0}),
                                        0.3)
                                .get("converged"))
                .isEqualTo(true);
    }

    @Test
    void shouldLeaveConvergenceUndecidedWhenThereAreFewerThanFourEpochs() throws IOException {
        assertThat(
                        Convergence.of(
                                        multifashion(),
                                        log(new double[] {70, 71, 72}, new double[] {60, 61, 62}),
                                        0.3)
                                .get("converged"))
                .isNull();
    }
}
