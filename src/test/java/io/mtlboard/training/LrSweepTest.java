package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mtlboard.benchmark.BenchmarkManifestReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lr sweep's choice from sweep bundles: per optimizer and method, with EW's rate as the default. */
class LrSweepTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void bundle(
            Path dir,
            ReferenceProtocol p,
            String optimizer,
            String method,
            double lr,
            double left,
            double right,
            String hash)
            throws IOException {
        // two epochs; the checkpoint is epoch 2 for both tasks, epoch 1 is worse
        Map<String, Object> b =
                Map.of(
                        "protocol",
                        Map.of("hash", hash),
                        "manifest",
                        Map.of(
                                "optimizer",
                                optimizer,
                                "method",
                                method,
                                "hyperParameters",
                                Map.of("lr", lr),
                                "trainingLog",
                                List.of(
                                        Map.of(
                                                "validation",
                                                Map.of(
                                                        "left.accuracy",
                                                        left - 5,
                                                        "right.accuracy",
                                                        right - 5)),
                                        Map.of(
                                                "validation",
                                                Map.of(
                                                        "left.accuracy",
                                                        left,
                                                        "right.accuracy",
                                                        right)))),
                        "training",
                        Map.of(
                                "convergence",
                                Map.of("checkpointEpoch", Map.of("left", 2, "right", 2))));
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(optimizer + method + lr + ".json").toFile(), b);
    }

    @Test
    void shouldPickTheBestValidationRatePerMethodAndFallBackToEwAndStl(@TempDir Path dir)
            throws IOException {
        ReferenceProtocol p =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
        bundle(dir, p, "adam", "ew", 1e-3, 80, 78, p.hash());
        bundle(dir, p, "adam", "ew", 3e-4, 81, 78.5, p.hash());
        bundle(dir, p, "adam", "stl", 1e-3, 82, 80, p.hash());
        bundle(dir, p, "adam", "stl", 3e-4, 81, 79, p.hash());
        bundle(dir, p, "adam", "db-mtl", 1e-4, 79, 77, p.hash());
        bundle(dir, p, "adam", "db-mtl", 1e-3, 70, 69, p.hash());
        // a run of another protocol is ignored even though it scores best
        bundle(dir, p, "adam", "ew", 3e-3, 99, 99, "another");
        LrSweep.Choice c =
                LrSweep.choose(
                        dir,
                        p,
                        BenchmarkManifestReader.read(
                                Path.of("benchmarks-data/multifashion/benchmark.json")));
        assertThat(c.rate("adam", "ew")).isEqualTo(3e-4);
        assertThat(c.rate("adam", "stl")).isEqualTo(1e-3);
        assertThat(c.rate("adam", "db-mtl")).isEqualTo(1e-4);
        assertThat(c.rate("adam", "pcgrad")).isEqualTo(3e-4);
        assertThat(c.describe(p)).contains("db-mtl").doesNotContain("the grid's");
        assertThatThrownBy(() -> c.rate("sgd", "ew"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--lr-sweep");
    }

    @Test
    void shouldSayWhenACompleteSweepChoseTheEdgeOfItsGrid(@TempDir Path dir) throws IOException {
        ReferenceProtocol p =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2");
        assertThat(p.sweepGrid().get("adam")).containsExactly(1e-4, 3e-4, 1e-3, 3e-3);
        // ew: every rate run, the highest best; stl: every rate run, an inner one best;
        // db-mtl: the highest best so far, but 1e-4 not run yet
        double[][] ew = {{70, 70}, {75, 75}, {80, 80}, {81, 80.5}};
        double[][] stl = {{70, 70}, {82, 81}, {80, 80}, {75, 75}};
        double[] grid = {1e-4, 3e-4, 1e-3, 3e-3};
        for (int i = 0; i < grid.length; i++) {
            bundle(dir, p, "adam", "ew", grid[i], ew[i][0], ew[i][1], p.hash());
            bundle(dir, p, "adam", "stl", grid[i], stl[i][0], stl[i][1], p.hash());
            if (i > 0) {
                bundle(dir, p, "adam", "db-mtl", grid[i], 70 + i, 70 + i, p.hash());
            }
        }
        LrSweep.Choice c =
                LrSweep.choose(
                        dir,
                        p,
                        BenchmarkManifestReader.read(
                                Path.of("benchmarks-data/multifashion/benchmark.json")));
        assertThat(c.rate("adam", "ew")).isEqualTo(3e-3);
        assertThat(c.rate("adam", "stl")).isEqualTo(3e-4);
        assertThat(c.rate("adam", "db-mtl")).isEqualTo(3e-3);
        List<String> lines = List.of(c.describe(p).split("\\R"));
        assertThat(lines)
                .filteredOn(l -> l.contains(" ew "))
                .singleElement()
                .asString()
                .endsWith("→ 0.00300000 (the grid's highest rate: the best may lie above it)");
        assertThat(lines)
                .filteredOn(l -> l.contains(" stl "))
                .singleElement()
                .asString()
                .endsWith("→ 0.000300000");
        assertThat(lines)
                .filteredOn(l -> l.contains(" db-mtl "))
                .singleElement()
                .asString()
                .endsWith("→ 0.00300000");
    }

    @Test
    void shouldPlaceAChosenRateOnItsGrid() {
        List<Double> grid = List.of(0.01, 0.03, 0.1);
        assertThat(LrSweep.edge(grid, grid, 0.01)).isEqualTo("lowest");
        assertThat(LrSweep.edge(grid, grid, 0.1)).isEqualTo("highest");
        assertThat(LrSweep.edge(grid, grid, 0.03)).isNull();
        // not every rate run: the choice is provisional, no edge yet
        assertThat(LrSweep.edge(grid, List.of(0.03, 0.1), 0.1)).isNull();
        // extra rates run beside a complete grid do not matter
        assertThat(LrSweep.edge(grid, List.of(0.003, 0.01, 0.03, 0.1), 0.1)).isEqualTo("highest");
        // a grid of one rate has no edge to speak of
        assertThat(LrSweep.edge(List.of(0.01), List.of(0.01), 0.01)).isNull();
    }

    @Test
    void shouldNameSweepFilesByTheirRate() {
        RunSpec run = new RunSpec("multifashion", "lenet5", "ew", "adam", GradientLevel.PARAM, 0);
        assertThat(LrSweep.fileName(run, 3e-4))
                .isEqualTo("lenet5_ew_param_adam_seed0_lr0.0003.json");
        assertThat(LrSweep.fileName(run, 0.1)).isEqualTo("lenet5_ew_param_adam_seed0_lr0.1.json");
    }
}
