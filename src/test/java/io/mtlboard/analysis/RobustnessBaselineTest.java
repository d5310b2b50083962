package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.robustness.Condition;
import io.mtlboard.leaderboard.LeaderboardView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** δ_t compares an MTL row only with a single-task row of its own setting (backbone × protocol). */
class RobustnessBaselineTest {

    private static final String METRIC = "left.accuracy";

    private static AnalysisRow row(String method, long run, String setting) {
        return Rows.of(
                "r" + run,
                method + " · " + setting,
                "multifashion",
                method,
                method,
                method,
                "lenet5",
                "LeNet-5",
                "adam",
                "param",
                "reference",
                null,
                List.of(run),
                new LeaderboardView.Stat(-1.0, null, 1),
                Map.of(),
                List.of(),
                Map.of(),
                setting);
    }

    private static WorkerDiagnostics measured(long run) {
        return new WorkerDiagnostics(
                run,
                Map.of(METRIC, 80.0),
                null,
                null,
                Map.of(new Condition("contrast", 1), Map.of(METRIC, 70.0)));
    }

    @Test
    void shouldTakeTheSingleTaskRowOfTheSameSettingOnly() {
        AnalysisRow mtl = row("ew", 1, "lenet5@v2");
        AnalysisRow otherProtocol = row("stl", 2, "lenet5@v1");
        AnalysisRow sameProtocol = row("stl", 3, "lenet5@v2");
        Map<Long, WorkerDiagnostics> diagnostics =
                Map.of(1L, measured(1), 2L, measured(2), 3L, measured(3));
        assertThat(
                        RobustnessService.baseline(
                                mtl, List.of(mtl, otherProtocol), diagnostics, METRIC))
                .as("a single-task model of another protocol is not the baseline")
                .isEmpty();
        assertThat(
                        RobustnessService.baseline(
                                mtl,
                                List.of(otherProtocol, mtl, sameProtocol),
                                diagnostics,
                                METRIC))
                .contains(sameProtocol);
    }
}
