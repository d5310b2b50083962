package io.mtlboard.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.benchmark.Ref;
import io.mtlboard.benchmark.metric.DeltaM;
import io.mtlboard.run.Published;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The compare view's verdict on the better value (METRICS.md §9): clear only when it differs from
 * every other row's by more than both std added, within noise otherwise, and not judged when a
 * compared row has no std. Every expectation is worked out by hand in the comment beside it.
 */
class CompareCalculatorTest {

    private static final LeaderboardView.MetricColumn ACC =
            new LeaderboardView.MetricColumn(
                    "left.accuracy", "left", "accuracy", "accuracy", true, "%");
    private static final LeaderboardView.MetricColumn ERR =
            new LeaderboardView.MetricColumn(
                    "depth.absErr", "depth", "absErr", "absolute error", false, "m");

    private static LeaderboardView.Stat stat(double mean, Double std, int n) {
        return new LeaderboardView.Stat(mean, std, n);
    }

    /** A compared row with one value per metric and optionally a Δm (both conventions). */
    private static CompareView.CompareRow row(
            String key,
            Map<String, LeaderboardView.Stat> metrics,
            LeaderboardView.Stat perTask,
            LeaderboardView.Stat flat,
            Published published) {
        return row(key, metrics, perTask, flat, published, false);
    }

    /**
     * As above, on a benchmark where the two Δm conventions coincide or not (whether a printed std
     * of the one is lent to the other, as the leaderboard decides).
     */
    private static CompareView.CompareRow row(
            String key,
            Map<String, LeaderboardView.Stat> metrics,
            LeaderboardView.Stat perTask,
            LeaderboardView.Stat flat,
            Published published,
            boolean coincide) {
        Double taskStd = published == null ? null : published.deltaMPerTaskStd();
        Double flatStd = published == null ? null : published.deltaMFlatStd();
        LeaderboardView.DeltaMView deltaM =
                perTask == null
                        ? null
                        : new LeaderboardView.DeltaMView(
                                perTask,
                                flat,
                                "gain",
                                null,
                                null,
                                null,
                                null,
                                null,
                                DeltaM.printedStd(
                                        taskStd, flatStd, DeltaM.Convention.PER_TASK, coincide),
                                DeltaM.printedStd(
                                        taskStd, flatStd, DeltaM.Convention.FLAT, coincide));
        LeaderboardView.LeaderboardRowView r =
                new LeaderboardView.LeaderboardRowView(
                        1,
                        new Ref(key, key),
                        key,
                        new Ref("resnet18", "ResNet-18"),
                        "adam",
                        "param",
                        published == null ? "reference" : "literature",
                        metrics.values().stream().mapToInt(LeaderboardView.Stat::n).max().orElse(1),
                        List.of(),
                        null,
                        metrics,
                        deltaM,
                        published,
                        new LeaderboardView.SettingRef("resnet18@mtlboard", "ResNet-18"),
                        "ranked",
                        null,
                        key,
                        null,
                        null,
                        null,
                        null);
        return new CompareView.CompareRow(key, r, null, null, null, false);
    }

    private static CompareView.CompareRow acc(String key, double mean, Double std, int n) {
        Map<String, LeaderboardView.Stat> m = new LinkedHashMap<>();
        m.put(ACC.key(), stat(mean, std, n));
        return row(key, m, null, null, null);
    }

    private static String accVerdict(CompareView.CompareRow... rows) {
        CompareView v = CompareCalculator.view(new Ref("b", "B"), List.of(ACC), List.of(rows));
        return v.verdicts().get(ACC.key());
    }

    @Test
    void shouldCallADifferenceBeyondBothStdsClear() {
        // 80 ± 1 against 77 ± 0.5: |80 − 77| = 3 > 1 + 0.5 = 1.5
        assertThat(accVerdict(acc("a", 80, 1.0, 3), acc("b", 77, 0.5, 3)))
                .isEqualTo(CompareView.CLEAR);
    }

    @Test
    void shouldCallADifferenceWithinBothStdsWithinNoise() {
        // 80 ± 1 against 78.5 ± 1: |80 − 78.5| = 1.5 ≤ 1 + 1 = 2
        assertThat(accVerdict(acc("a", 80, 1.0, 3), acc("b", 78.5, 1.0, 3)))
                .isEqualTo(CompareView.WITHIN_NOISE);
        // the boundary belongs to the noise: |80 − 78| = 2 ≤ 1 + 1
        assertThat(accVerdict(acc("a", 80, 1.0, 3), acc("b", 78, 1.0, 3)))
                .isEqualTo(CompareView.WITHIN_NOISE);
    }

    @Test
    void shouldNotJudgeWhenAComparedRowHasOneSeed() {
        // the best row has one seed: no std, so the 3 points cannot be set against seed noise
        assertThat(accVerdict(acc("a", 80, null, 1), acc("b", 77, 0.5, 3)))
                .isEqualTo(CompareView.NOT_JUDGED);
        // the other row has one seed
        assertThat(accVerdict(acc("a", 80, 0.2, 3), acc("b", 77, null, 1)))
                .isEqualTo(CompareView.NOT_JUDGED);
    }

    @Test
    void shouldJudgeTheBestRowAgainstEveryOtherRow() {
        // a 80 ± 0.2 beats b 79 ± 0.5 clearly (1 > 0.7), but c has one seed: not judged
        assertThat(accVerdict(acc("a", 80, 0.2, 3), acc("b", 79, 0.5, 3), acc("c", 70, null, 1)))
                .isEqualTo(CompareView.NOT_JUDGED);
        // a 80 ± 0.2 is within noise of b 79.9 ± 0.5 (0.1 ≤ 0.7): within noise, whatever c is
        assertThat(accVerdict(acc("a", 80, 0.2, 3), acc("b", 79.9, 0.5, 3), acc("c", 70, null, 1)))
                .isEqualTo(CompareView.WITHIN_NOISE);
        // a beats b (1 > 0.7) and c (10 > 0.5) clearly
        assertThat(accVerdict(acc("a", 80, 0.2, 3), acc("b", 79, 0.5, 3), acc("c", 70, 0.3, 3)))
                .isEqualTo(CompareView.CLEAR);
    }

    @Test
    void shouldCallATieWithinNoiseAndNotJudgeOneWithoutStds() {
        CompareView v =
                CompareCalculator.view(
                        new Ref("b", "B"),
                        List.of(ACC),
                        List.of(acc("a", 80, 1.0, 3), acc("b", 80, 1.0, 3)));
        assertThat(v.best().get(ACC.key())).containsExactly("a", "b");
        assertThat(v.verdicts().get(ACC.key())).isEqualTo(CompareView.WITHIN_NOISE);
        assertThat(accVerdict(acc("a", 80, null, 1), acc("b", 80, null, 1)))
                .isEqualTo(CompareView.NOT_JUDGED);
    }

    @Test
    void shouldGiveNoVerdictWhenOnlyOneRowHasTheValue() {
        Map<String, LeaderboardView.Stat> none = new LinkedHashMap<>();
        CompareView v =
                CompareCalculator.view(
                        new Ref("b", "B"),
                        List.of(ACC),
                        List.of(acc("a", 80, 1.0, 3), row("b", none, null, null, null)));
        assertThat(v.best().get(ACC.key())).containsExactly("a");
        assertThat(v.verdicts().get(ACC.key())).isNull();
    }

    @Test
    void shouldJudgeALowerIsBetterMetricInItsOwnDirection() {
        Map<String, LeaderboardView.Stat> a = Map.of(ERR.key(), stat(0.40, 0.01, 3));
        Map<String, LeaderboardView.Stat> b = Map.of(ERR.key(), stat(0.45, 0.02, 3));
        // 0.40 is better; |0.40 − 0.45| = 0.05 > 0.01 + 0.02 = 0.03
        CompareView v =
                CompareCalculator.view(
                        new Ref("b", "B"),
                        List.of(ERR),
                        List.of(row("a", a, null, null, null), row("b", b, null, null, null)));
        assertThat(v.best().get(ERR.key())).containsExactly("a");
        assertThat(v.verdicts().get(ERR.key())).isEqualTo(CompareView.CLEAR);
    }

    @Test
    void shouldJudgeDeltaMWithThePrintedStdOfALiteratureRow() {
        Map<String, LeaderboardView.Stat> none = Map.of();
        // literature row: Δm +2.0 per task and +1.5 flat, one published mean, printed per-task std
        // 0.5 and no flat std, on a benchmark whose conventions differ (tasks with 2 and 3 metrics)
        CompareView.CompareRow lit =
                row(
                        "lit",
                        none,
                        stat(2.0, null, 1),
                        stat(1.5, null, 1),
                        new Published(2.0, 0.5, null, null, null));
        CompareView.CompareRow own = row("own", none, stat(-1.0, 0.4, 3), stat(-1.2, 0.3, 3), null);
        CompareView v = CompareCalculator.view(new Ref("b", "B"), List.of(), List.of(lit, own));
        assertThat(v.bestDeltaM().get("per-task")).containsExactly("lit");
        // per task: |2.0 − (−1.0)| = 3.0 > 0.5 + 0.4 = 0.9
        assertThat(v.deltaMVerdicts().get("per-task")).isEqualTo(CompareView.CLEAR);
        // flat: the per-task std is not the std of flat Δm here, so flat is not judged
        assertThat(v.deltaMVerdicts().get("flat")).isEqualTo(CompareView.NOT_JUDGED);
        // where the conventions coincide it is: |1.5 − (−1.2)| = 2.7 > 0.5 + 0.3 = 0.8
        CompareView.CompareRow litEqual =
                row(
                        "lit",
                        none,
                        stat(2.0, null, 1),
                        stat(1.5, null, 1),
                        new Published(2.0, 0.5, null, null, null),
                        true);
        CompareView u =
                CompareCalculator.view(new Ref("b", "B"), List.of(), List.of(litEqual, own));
        assertThat(u.deltaMVerdicts().get("flat")).isEqualTo(CompareView.CLEAR);
        // without a printed std the literature row has no spread: not judged
        CompareView.CompareRow bare =
                row("bare", none, stat(2.0, null, 1), stat(1.5, null, 1), null);
        CompareView w = CompareCalculator.view(new Ref("b", "B"), List.of(), List.of(bare, own));
        assertThat(w.deltaMVerdicts().get("per-task")).isEqualTo(CompareView.NOT_JUDGED);
        // a close rival with a std: |2.0 − 1.7| = 0.3 ≤ 0.5 + 0.4 → within noise
        CompareView.CompareRow close =
                row("close", none, stat(1.7, 0.4, 3), stat(1.0, 0.3, 3), null);
        CompareView x = CompareCalculator.view(new Ref("b", "B"), List.of(), List.of(lit, close));
        assertThat(x.deltaMVerdicts().get("per-task")).isEqualTo(CompareView.WITHIN_NOISE);
    }
}
