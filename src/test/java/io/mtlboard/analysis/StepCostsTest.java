package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.leaderboard.LeaderboardView;
import io.mtlboard.training.ReferenceProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows get a measured step cost: reference rows of a protocol whose table was measured under
 * its current definition; never other sources, and not after the protocol changed.
 */
class StepCostsTest {

    private static AnalysisRow row(String source, String level, String settingId) {
        return Rows.of(
                "r-" + level,
                "MGDA · " + level,
                "multifashion",
                "mgda",
                "MGDA",
                "MGDA",
                "lenet5",
                "LeNet-5",
                "adam",
                level,
                source,
                null,
                List.of(1L),
                new LeaderboardView.Stat(-1.0, null, 1),
                Map.of(),
                List.of(),
                Map.of(),
                settingId);
    }

    private static Path benchmarks(Path dir, String hash) throws IOException {
        Path bench = Files.createDirectories(dir.resolve("multifashion"));
        for (String f : List.of("benchmark.json", "reference-protocols.json")) {
            Files.copy(Path.of("benchmarks-data/multifashion").resolve(f), bench.resolve(f));
        }
        Path table =
                Files.createDirectories(dir.resolve("reference/multifashion/step-cost"))
                        .resolve("mf-lenet5-v2.json");
        Files.writeString(
                table,
                """
                {"format": "mtlboard-step-cost/1",
                 "protocol": {"id": "mf-lenet5-v2", "hash": "%s"},
                 "measuredAt": "2026-12-06T07:40:00Z", "machine": "test machine", "engine": "PyTorch",
                 "threads": 1, "batchSize": 256, "warmupSteps": 10, "stepsPerRound": 5, "rounds": 30,
                 "entries": [
                   {"method": "mgda", "level": "param", "optimizer": "adam",
                    "cpuMsPerStep": {"median": 62.0, "q1": 52.5, "q3": 71.5},
                    "wallMsPerStep": {"median": 62.2, "q1": 52.6, "q3": 71.6}},
                   {"method": "mgda", "level": "feature", "optimizer": "adam",
                    "cpuMsPerStep": {"median": 44.5, "q1": 39.0, "q3": 52.0},
                    "wallMsPerStep": {"median": 44.6, "q1": 39.1, "q3": 52.1}}]}
                """
                        .formatted(hash));
        return dir;
    }

    @Test
    void shouldGiveReferenceRowsTheirProtocolsMeasuredCost(@TempDir Path dir) throws IOException {
        String hash =
                ReferenceProtocol.read(Path.of("benchmarks-data"), "multifashion", "mf-lenet5-v2")
                        .hash();
        StepCosts costs = new StepCosts(benchmarks(dir, hash));
        AnalysisRow param = row("reference", "param", "lenet5@mf-lenet5-v2");
        AnalysisRow feature = row("reference", "feature", "lenet5@mf-lenet5-v2");
        assertThat(costs.of(param).median()).isEqualTo(62.0);
        assertThat(costs.of(feature).q1()).isEqualTo(39.0);
        assertThat(costs.of(row("verified", "param", "lenet5@mf-lenet5-v2"))).isNull();
        assertThat(costs.of(row("reference", "param", "lenet5@mf-lenet5-v1"))).isNull();
        assertThat(costs.notes()).singleElement().asString().contains("30 rounds of 5 steps");
        PairView p =
                PairView.of(
                        new Pairing.Pair(param, feature), "gradientLevel", costs::of, r -> null);
        assertThat(p.timeBasis()).isEqualTo(PairView.STEP_COST);
        assertThat(p.timeRatio()).isCloseTo(44.5 / 62.0, within(1e-12));
        // without a measured cost on one side, no step-cost ratio
        PairView mixed =
                PairView.of(
                        new Pairing.Pair(param, feature),
                        "gradientLevel",
                        r -> r == param ? costs.of(r) : null,
                        r -> null);
        assertThat(mixed.timeBasis()).isNotEqualTo(PairView.STEP_COST);
    }

    @Test
    void shouldNotUseATableMeasuredUnderAnEarlierDefinition(@TempDir Path dir) throws IOException {
        StepCosts costs = new StepCosts(benchmarks(dir, "0000"));
        assertThat(costs.of(row("reference", "param", "lenet5@mf-lenet5-v2"))).isNull();
        assertThat(costs.notes()).singleElement().asString().contains("earlier definition");
    }
}
