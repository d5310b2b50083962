package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.ranking.Orientation;
import io.mtlboard.analysis.robustness.Condition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorruptionCurvesTest {

    private static final String ACC = "left.accuracy";

    private static WorkerDiagnostics run(long id, double clean, Map<Condition, Double> corrupted) {
        Map<Condition, Map<String, Double>> values = new HashMap<>();
        corrupted.forEach((c, v) -> values.put(c, Map.of(ACC, v)));
        return new WorkerDiagnostics(id, Map.of(ACC, clean), null, null, values);
    }

    private static Condition noise(int s) {
        return new Condition("gaussian_noise", s);
    }

    @Test
    void shouldAverageTheRelativeDropPerSeverityOverRuns() {
        // run 1: 80 -> 72 at s1 (drop 0.1), 60 at s2 (0.25); run 2: 50 -> 40 at s1 (0.2)
        List<WorkerDiagnostics> runs =
                List.of(
                        run(
                                1,
                                80,
                                Map.of(
                                        noise(1),
                                        72.0,
                                        noise(2),
                                        60.0,
                                        new Condition("contrast", 1),
                                        10.0)),
                        run(2, 50, Map.of(noise(1), 40.0)));
        List<CorruptionCurves.SeverityDrop> d =
                CorruptionCurves.drops(runs, ACC, "gaussian_noise", Orientation.HIGHER_IS_BETTER);
        assertThat(d).extracting(CorruptionCurves.SeverityDrop::severity).containsExactly(1, 2);
        assertThat(d.get(0).mean()).isCloseTo(0.15, within(1e-12));
        assertThat(d.get(0).n()).isEqualTo(2);
        assertThat(d.get(0).std()).isCloseTo(Math.sqrt(0.005), within(1e-12));
        assertThat(d.get(1).mean()).isCloseTo(0.25, within(1e-12));
        assertThat(d.get(1).std()).isNull();
        assertThat(
                        CorruptionCurves.drops(
                                runs,
                                "right.accuracy",
                                "gaussian_noise",
                                Orientation.HIGHER_IS_BETTER))
                .isEmpty();
    }

    @Test
    void shouldCompareMtlWithSingleTaskOnSharedConditions() {
        // MTL: 80 -> 72 (drop 0.1) at s1, -> 64 (0.2) at s2; STL: 90 -> 72 (0.2) at s1 only.
        // shared condition s1: δ = 0.1 − 0.2 = −0.1 (MTL degrades less)
        List<WorkerDiagnostics> mtl = List.of(run(1, 80, Map.of(noise(1), 72.0, noise(2), 64.0)));
        List<WorkerDiagnostics> stl = List.of(run(2, 90, Map.of(noise(1), 72.0)));
        assertThat(CorruptionCurves.delta(mtl, stl, ACC, Orientation.HIGHER_IS_BETTER))
                .isCloseTo(-0.1, within(1e-12));
        assertThat(CorruptionCurves.sharedConditions(mtl, stl, ACC)).isEqualTo(1);
        assertThat(
                        CorruptionCurves.delta(
                                mtl,
                                List.of(run(3, 90, Map.of())),
                                ACC,
                                Orientation.HIGHER_IS_BETTER))
                .isNull();
    }

    @Test
    void shouldAverageRunsBeforeComparing() {
        // MTL runs: clean 80 and 100 (mean 90), corrupted 72 and 90 (mean 81): drop 0.1;
        // STL: clean 50 -> 45: drop 0.1; δ = 0
        List<WorkerDiagnostics> mtl =
                List.of(run(1, 80, Map.of(noise(3), 72.0)), run(2, 100, Map.of(noise(3), 90.0)));
        List<WorkerDiagnostics> stl = List.of(run(3, 50, Map.of(noise(3), 45.0)));
        assertThat(CorruptionCurves.delta(mtl, stl, ACC, Orientation.HIGHER_IS_BETTER))
                .isCloseTo(0.0, within(1e-12));
    }

    /**
     * δ_t's seed interval by hand: single-task keeps 72 of 80 under noise (ratio 0.90); run a of the
     * multi-task row keeps 76 (0.95, δ_t −0.05 alone), run b 68 (0.85, +0.05), both together 72
     * (0). Resampling two runs draws {a, a} and {b, b} a quarter of the time each, so the 2.5th and
     * 97.5th percentiles are δ_t of a alone and of b alone.
     */
    @Test
    void shouldResampleTheRunsOfBothRowsForTheIntervalOfDeltaT() {
        List<WorkerDiagnostics> stl = List.of(run(1, 80, Map.of(noise(1), 72.0)));
        WorkerDiagnostics a = run(2, 80, Map.of(noise(1), 76.0));
        WorkerDiagnostics b = run(3, 80, Map.of(noise(1), 68.0));
        Orientation up = Orientation.HIGHER_IS_BETTER;
        assertThat(CorruptionCurves.delta(List.of(a, b), stl, ACC, up)).isCloseTo(0, within(1e-12));
        var i = CorruptionCurves.deltaInterval(List.of(a, b), stl, ACC, up, 1000, 7);
        assertThat(i.low()).isCloseTo(-0.05, within(1e-12));
        assertThat(i.high()).isCloseTo(0.05, within(1e-12));
        assertThat(RobustnessView.Delta.reading(i)).isEqualTo(RobustnessView.Delta.NOISE);
        // a and a second run that keeps 77.6 (0.97): δ_t between −0.07 and −0.05, all below 0
        WorkerDiagnostics c = run(4, 80, Map.of(noise(1), 77.6));
        var less = CorruptionCurves.deltaInterval(List.of(a, c), stl, ACC, up, 1000, 7);
        assertThat(less.low()).isCloseTo(-0.07, within(1e-12));
        assertThat(less.high()).isCloseTo(-0.05, within(1e-12));
        assertThat(RobustnessView.Delta.reading(less)).isEqualTo(RobustnessView.Delta.LESS);
        // the same seen from the other side: single-task rows resample too
        var more = CorruptionCurves.deltaInterval(stl, List.of(a, c), ACC, up, 1000, 7);
        assertThat(more.low()).isCloseTo(0.05, within(1e-12));
        assertThat(RobustnessView.Delta.reading(more)).isEqualTo(RobustnessView.Delta.MORE);
        // one run on each side: nothing to resample
        assertThat(CorruptionCurves.deltaInterval(List.of(a), stl, ACC, up, 1000, 7)).isNull();
        assertThat(RobustnessView.Delta.reading(null)).isEqualTo(RobustnessView.Delta.ONE_SEED);
    }

    @Test
    void shouldSumTheReadingsOfDeltaTUp() {
        List<RobustnessView.Delta> deltas =
                List.of(
                        delta(-0.02, "less"),
                        delta(-0.01, "noise"),
                        delta(0.01, "noise"),
                        delta(0.03, "more"),
                        delta(0.0, "one-seed"),
                        delta(null, null));
        assertThat(RobustnessService.deltaSummary(deltas))
                .isEqualTo(
                        "Of 5 multi-task rows, 1 degrade less than their single-task row beyond seed"
                                + " noise, 1 more, and 2 within seed noise (the 95 % interval of δ_t"
                                + " includes 0); 1 rest on one run on each side and are not tested"
                                + " against seed noise. If nothing differed, about 0.2 of 4 rows"
                                + " would still fall outside their 95 % interval by chance, and at"
                                + " most 1 in 95 % of cases (counting the tests as independent): the"
                                + " 2 found are more than chance alone would give.");
        assertThat(RobustnessService.deltaSummary(List.of())).isNull();
    }

    private static RobustnessView.Delta delta(Double value, String reading) {
        return new RobustnessView.Delta(
                "k", "row", "ew", null, "stl", value, null, null, reading, null, 40);
    }
}
