package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.analysis.ranking.Agreement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every indicator against test Δm, read from the heatmap's first row: seed noise first, then the
 * noise ceiling; the sentence that sums the readings up.
 */
class IndicatorReadingsTest {

    /**
     * The chance yardstick of the readings: 4 indicators tested at 95 % (2 like, 1 opposite, 1
     * noise), Binomial(4, 0.05): P(X ≤ 0) = 0.8145, P(X ≤ 1) = 0.9860, so at most 1 by chance.
     */
    private static final String CHANCE =
            " If nothing differed, about 0.2 of 4 indicators would still fall outside their 95 %"
                    + " interval by chance, and at most 1 in 95 % of cases (counting the tests as"
                    + " independent): the 3 found are more than chance alone would give.";

    /** Test Δm and five indicators: value, interval (low, high), n. */
    private static Heatmap heatmap() {
        Object[][] cells = {
            {"a", 0.40, 0.35, 0.50, 20},
            {"b", 0.25, 0.10, 0.40, 20},
            {"c", 0.05, -0.10, 0.20, 20},
            {"d", -0.20, -0.30, -0.10, 20},
            {"e", null, null, null, 3}
        };
        List<Heatmap.Axis> axes = new ArrayList<>();
        axes.add(new Heatmap.Axis(Scorings.DELTA_M, "test Δm", "higher is better", 20));
        List<Agreement> first = new ArrayList<>();
        List<Heatmap.IntervalView> intervals = new ArrayList<>();
        first.add(new Agreement(1.0, 20, false));
        intervals.add(new Heatmap.IntervalView(1, 1, false, 1000));
        // the order of the heatmap's axes; the readings sort by agreement
        for (int k : new int[] {2, 0, 4, 3, 1}) {
            Object[] c = cells[k];
            axes.add(new Heatmap.Axis((String) c[0], "indicator " + c[0], "higher is better", 20));
            int n = (Integer) c[4];
            first.add(new Agreement((Double) c[1], n, n < Agreement.MIN_RELIABLE_METHODS));
            intervals.add(
                    c[2] == null
                            ? null
                            : new Heatmap.IntervalView(
                                    (Double) c[2],
                                    (Double) c[3],
                                    (Double) c[2] <= 0 && (Double) c[3] >= 0,
                                    1000));
        }
        List<List<Agreement>> rows = new ArrayList<>();
        List<List<Heatmap.IntervalView>> rowIntervals = new ArrayList<>();
        rows.add(first);
        rowIntervals.add(intervals);
        for (int i = 1; i < axes.size(); i++) {
            rows.add(first); // other rows are not read
            rowIntervals.add(intervals);
        }
        return new Heatmap("rows", axes, rows, 20, null, rowIntervals);
    }

    private static RankingSimilarityView.Ceiling ceiling(double value, int rows) {
        return new RankingSimilarityView.Ceiling(
                value,
                value - 0.1,
                value + 0.1,
                rows,
                200,
                true,
                new RankingSimilarityView.SplitHalf(value / 2, value / 2 - 0.1, value / 2 + 0.1));
    }

    @Test
    void shouldReadEachIndicatorAgainstSeedNoiseAndTheCeilingMostAgreeingFirst() {
        List<RankingSimilarityView.Reading> r =
                IndicatorReadings.readings(heatmap(), ceiling(0.33, 20));
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::key)
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::reading)
                .containsExactly("like", "like", "noise", "opposite", "too-few");
        // a: 0.35 > 0.33 — beyond; b: 0.10 < 0.33 < 0.40 — within reach
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::ceiling)
                .containsExactly("beyond", "within", null, null, null);
        assertThat(r.get(0).text())
                .isEqualTo("ranks rows like test Δm beyond seed noise, beyond the noise ceiling");
        assertThat(r.get(2).text()).contains("the interval includes 0");
        assertThat(r.get(4).text()).isEqualTo("too few rows (n = 3)");
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.33, 20), "Kendall τ-b"))
                .isEqualTo(
                        "Of 5 indicators, 2 rank the rows like test Δm beyond seed noise, 1 opposite to it, "
                                + "and 1 cannot be told apart from seed noise; 1 have too few rows. Against the "
                                + "noise ceiling (Kendall τ-b = 0.33): 1 beyond it, 1 within reach of it."
                                + CHANCE);
    }

    @Test
    void shouldNameTheClosestIndicatorWhenNoneReachesTheCeiling() {
        RankingSimilarityView.Ceiling high = ceiling(0.6, 20);
        List<RankingSimilarityView.Reading> r = IndicatorReadings.readings(heatmap(), high);
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::ceiling)
                .containsExactly("below", "below", null, null, null);
        assertThat(IndicatorReadings.readingSummary(r, high, "Kendall τ-b"))
                .endsWith(
                        "Against the noise ceiling (Kendall τ-b = 0.60): none reaches it (the closest, "
                                + "indicator a, agrees at 0.40): seed noise leaves room for a better "
                                + "predictor of test Δm."
                                + CHANCE);
    }

    @Test
    void shouldNotReadACeilingOverTooFewRows() {
        RankingSimilarityView.Ceiling thin = ceiling(0.33, 4);
        List<RankingSimilarityView.Reading> r = IndicatorReadings.readings(heatmap(), thin);
        assertThat(r).extracting(RankingSimilarityView.Reading::ceiling).containsOnlyNulls();
        assertThat(IndicatorReadings.readingSummary(r, thin, "Kendall τ-b"))
                .endsWith("; no readable noise ceiling yet." + CHANCE);
        assertThat(IndicatorReadings.readingSummary(List.of(), thin, "Kendall τ-b")).isNull();
    }

    /** The training loss is read like an indicator but counted apart, as the reference to beat. */
    @Test
    void shouldCountTheTrainingLossApartAsTheReference() {
        Heatmap h = heatmap();
        List<Heatmap.Axis> axes = new ArrayList<>(h.axes());
        axes.add(new Heatmap.Axis(Indicator.TRAINING_LOSS, "training loss", "lower is better", 20));
        List<Agreement> first = new ArrayList<>(h.cells().get(0));
        first.add(new Agreement(0.30, 20, false));
        List<Heatmap.IntervalView> intervals = new ArrayList<>(h.intervals().get(0));
        intervals.add(new Heatmap.IntervalView(0.15, 0.45, false, 1000));
        List<List<Agreement>> rows = new ArrayList<>();
        List<List<Heatmap.IntervalView>> rowIntervals = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            rows.add(first);
            rowIntervals.add(intervals);
        }
        List<RankingSimilarityView.Reading> r =
                IndicatorReadings.readings(
                        new Heatmap("rows", axes, rows, 20, null, rowIntervals), ceiling(0.6, 20));
        // listed among the indicators by its agreement
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::key)
                .containsExactly("a", Indicator.TRAINING_LOSS, "b", "c", "d", "e");
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.6, 20), "Kendall τ-b"))
                .startsWith(
                        "Of 5 indicators, 2 rank the rows like test Δm beyond seed noise, 1 opposite")
                .endsWith(
                        ". For reference, the training loss (summed over tasks) ranks the rows like"
                                + " test Δm beyond seed noise at Kendall τ-b = 0.30 [0.15, 0.45]; by point"
                                + " estimate, 1 of the 5 indicators rank the rows more like test Δm than"
                                + " it does."
                                + CHANCE);
    }

    /** The heatmap of {@link #heatmap()} with every interval replaced by {@code interval}. */
    private static Heatmap withIntervals(
            java.util.function.Function<Heatmap.IntervalView, Heatmap.IntervalView> interval) {
        Heatmap h = heatmap();
        List<List<Heatmap.IntervalView>> rowIntervals = new ArrayList<>();
        for (List<Heatmap.IntervalView> row : h.intervals()) {
            List<Heatmap.IntervalView> r = new ArrayList<>();
            row.forEach(i -> r.add(i == null ? null : interval.apply(i)));
            rowIntervals.add(r);
        }
        return new Heatmap("rows", h.axes(), h.cells(), 20, null, rowIntervals);
    }

    /** Rows with one run each have no seed spread: nothing is "beyond seed noise", only by point estimate. */
    @Test
    void shouldNotReadAnythingAgainstSeedNoiseWithoutIntervals() {
        List<RankingSimilarityView.Reading> r =
                IndicatorReadings.readings(withIntervals(i -> null), ceiling(0.33, 4));
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::reading)
                .containsExactly("untested", "untested", "untested", "untested", "too-few");
        assertThat(r).extracting(RankingSimilarityView.Reading::ceiling).containsOnlyNulls();
        assertThat(r.get(0).text())
                .isEqualTo(
                        "ranks rows like test Δm by point estimate (no seed interval: not tested"
                                + " against seed noise)")
                .doesNotContain("beyond");
        assertThat(r.get(3).text()).startsWith("ranks rows opposite to test Δm by point estimate");
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.33, 4), "Kendall τ-b"))
                .isEqualTo(
                        "No row has two or more runs, so seed noise cannot be estimated and no"
                                + " indicator is tested against it: by point estimate, 3 of 5"
                                + " indicators rank the rows like test Δm and 1 opposite to it;"
                                + " 1 have too few rows; no readable noise ceiling yet.");
    }

    /** The readings of {@link #heatmap()} with intervals over 20 rows, some of them with one run. */
    private static List<RankingSimilarityView.Reading> readingsOverRows(int fixed, int standIn) {
        return IndicatorReadings.readings(
                withIntervals(
                        i ->
                                new Heatmap.IntervalView(
                                        i.low(),
                                        i.high(),
                                        i.includesZero(),
                                        1000,
                                        20,
                                        fixed,
                                        standIn)),
                ceiling(0.33, 20));
    }

    /** Rows with one run add no spread to the interval: it is too narrow, and the reading says so. */
    @Test
    void shouldSayWhenSomeRowsHaveOneRun() {
        List<RankingSimilarityView.Reading> r = readingsOverRows(3, 0);
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::reading)
                .containsExactly("like", "like", "noise", "opposite", "too-few");
        assertThat(r.get(0).text())
                .isEqualTo(
                        "ranks rows like test Δm beyond seed noise (3 of 20 rows have one run and"
                                + " add no seed spread, so the interval is too narrow), beyond the"
                                + " noise ceiling");
        assertThat(r.get(2).text())
                .isEqualTo(
                        "not told apart from seed noise (the interval includes 0; 3 of 20 rows"
                                + " have one run and add no seed spread, so the interval is too"
                                + " narrow)");
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.33, 20), "Kendall τ-b"))
                .startsWith(
                        "Of 5 indicators, 2 rank the rows like test Δm beyond seed noise, 1 opposite"
                                + " to it, and 1 cannot be told apart from seed noise (4 of the"
                                + " intervals are too narrow: some rows have one run and add no seed"
                                + " spread); 1 have too few rows.");
    }

    /** Both training losses: each gets its clause, and the indicators are counted against the better. */
    @Test
    void shouldCountTheIndicatorsAgainstTheBetterOfTwoReferences() {
        Heatmap h = heatmap();
        List<Heatmap.Axis> axes = new ArrayList<>(h.axes());
        axes.add(new Heatmap.Axis(Indicator.TRAINING_LOSS, "training loss", "lower is better", 20));
        axes.add(
                new Heatmap.Axis(
                        Indicator.TRAINING_LOSS_GEOMETRIC,
                        "training loss (geometric)",
                        "lower is better",
                        20));
        List<Agreement> first = new ArrayList<>(h.cells().get(0));
        first.add(new Agreement(0.10, 20, false));
        first.add(new Agreement(0.30, 20, false));
        List<Heatmap.IntervalView> intervals = new ArrayList<>(h.intervals().get(0));
        intervals.add(new Heatmap.IntervalView(-0.05, 0.25, true, 1000));
        intervals.add(new Heatmap.IntervalView(0.15, 0.45, false, 1000));
        List<List<Agreement>> rows = new ArrayList<>();
        List<List<Heatmap.IntervalView>> rowIntervals = new ArrayList<>();
        for (int i = 0; i < axes.size(); i++) {
            rows.add(first);
            rowIntervals.add(intervals);
        }
        List<RankingSimilarityView.Reading> r =
                IndicatorReadings.readings(
                        new Heatmap("rows", axes, rows, 20, null, rowIntervals), ceiling(0.6, 20));
        // indicator a (0.40) beats the geometric mean (0.30), b (0.25) only the sum (0.10)
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.6, 20), "Kendall τ-b"))
                .startsWith("Of 5 indicators, ")
                .endsWith(
                        ". For reference, the training loss (summed over tasks) is not told apart"
                                + " from seed noise at Kendall τ-b = 0.10 [-0.05, 0.25]; its geometric"
                                + " mean over tasks (unaffected by the tasks' loss scales) ranks the"
                                + " rows like test Δm beyond seed noise at Kendall τ-b = 0.30 [0.15,"
                                + " 0.45]; by point estimate, 1 of the 5 indicators rank the rows more"
                                + " like test Δm than either does."
                                + CHANCE);
    }

    /** One-run rows whose noise the pooled seed std stands in for: read, and said. */
    @Test
    void shouldSayWhenThePooledSeedStdStandsInForRowsWithOneRun() {
        List<RankingSimilarityView.Reading> r = readingsOverRows(0, 4);
        assertThat(r)
                .extracting(RankingSimilarityView.Reading::reading)
                .containsExactly("like", "like", "noise", "opposite", "too-few");
        assertThat(r.get(3).text())
                .isEqualTo(
                        "ranks rows opposite to test Δm beyond seed noise (4 of 20 rows have one"
                                + " run, whose seed noise is taken as the pooled seed std of the rows"
                                + " with two or more)");
        assertThat(IndicatorReadings.readingSummary(r, ceiling(0.33, 20), "Kendall τ-b"))
                .contains(
                        "cannot be told apart from seed noise (4 of the intervals take the pooled"
                                + " seed std of the rows with two or more runs for the rows with"
                                + " one)");
    }
}
