package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.benchmark.data.DataLocations;
import io.mtlboard.benchmark.data.FashionMnist;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step-cost table: quartiles as NumPy's {@code percentile} computes them, a real measurement of
 * two configurations on the shipped training subset written and read back, and a file of another
 * format refused.
 */
class StepCostTest {

    @Test
    void shouldComputeTheMedianAndQuartilesByLinearInterpolation() {
        // numpy.percentile([4, 1, 3, 2], [25, 50, 75]) = [1.75, 2.5, 3.25]
        StepCost.Spread s = StepCost.Spread.of(new double[] {4, 1, 3, 2});
        assertThat(s.median()).isCloseTo(2.5, within(1e-12));
        assertThat(s.q1()).isCloseTo(1.75, within(1e-12));
        assertThat(s.q3()).isCloseTo(3.25, within(1e-12));
        // numpy.percentile([7, 3, 10, 1, 5], [25, 50, 75]) = [3, 5, 7]
        StepCost.Spread odd = StepCost.Spread.of(new double[] {7, 3, 10, 1, 5});
        assertThat(List.of(odd.q1(), odd.median(), odd.q3())).containsExactly(3.0, 5.0, 7.0);
        StepCost.Spread one = StepCost.Spread.of(new double[] {42});
        assertThat(List.of(one.q1(), one.median(), one.q3())).containsExactly(42.0, 42.0, 42.0);
    }

    @Test
    void shouldTimeEachConfigurationAndReadTheTableBack(@TempDir Path dir) throws IOException {
        ReferenceProtocol protocol =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
        TrainingSettings settings = new TrainingSettings(1, 32, 1e-3, "train-subset", 256, 64, 4);
        ReferenceData data =
                ReferenceData.load(
                        "multifashion",
                        settings,
                        new DataLocations(
                                Path.of("benchmarks-data"),
                                Path.of(FashionMnist.DEBIAN_DIR),
                                Path.of("target/test-data/external"),
                                Path.of("target/test-data/cache")));
        List<StepCost.Config> configs =
                List.of(
                        new StepCost.Config(
                                new RunSpec(
                                        "multifashion",
                                        "lenet5",
                                        "ew",
                                        "adam",
                                        GradientLevel.PARAM,
                                        0),
                                settings),
                        new StepCost.Config(
                                new RunSpec(
                                        "multifashion",
                                        "lenet5",
                                        "mgda",
                                        "adam",
                                        GradientLevel.FEATURE,
                                        0),
                                settings));
        Path file = StepCost.file(dir.resolve("multifashion"), protocol.id());
        StepCost.Table measured =
                StepCost.measure(
                        data,
                        protocol,
                        configs,
                        2,
                        3,
                        4,
                        1,
                        file,
                        new PrintStream(OutputStream.nullOutputStream()));
        assertThat(file).exists();
        StepCost.Table read =
                StepCost.read(dir.resolve("multifashion"), protocol.id()).orElseThrow();
        assertThat(read.protocolHash()).isEqualTo(protocol.hash());
        assertThat(read.rounds()).isEqualTo(4);
        assertThat(read.stepsPerRound()).isEqualTo(3);
        assertThat(read.batchSize()).isEqualTo(32);
        assertThat(read.entries()).hasSize(2);
        StepCost.Entry mgda = read.entry("mgda", "feature", "adam").orElseThrow();
        assertThat(mgda.cpuMs().median()).isPositive();
        assertThat(mgda.cpuMs().q1()).isLessThanOrEqualTo(mgda.cpuMs().median());
        assertThat(mgda.cpuMs().q3()).isGreaterThanOrEqualTo(mgda.cpuMs().median());
        assertThat(mgda.cpuMs().median())
                .isCloseTo(
                        measured.entry("mgda", "feature", "adam").orElseThrow().cpuMs().median(),
                        within(1e-3));
        assertThat(read.entry("mgda", "param", "adam")).isEmpty();
        assertThat(StepCost.read(dir.resolve("multifashion"), "no-such-protocol")).isEmpty();
    }

    @Test
    void shouldRefuseAFileOfAnotherFormat(@TempDir Path dir) throws IOException {
        Path file = StepCost.file(dir, "p");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format\": \"mtlboard-reference-run/1\", \"entries\": []}");
        assertThatThrownBy(() -> StepCost.read(dir, "p"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mtlboard-step-cost/1");
    }
}
