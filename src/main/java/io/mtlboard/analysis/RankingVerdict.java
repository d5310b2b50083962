package io.mtlboard.analysis;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The verdict of the ranking-similarity scatter: whether one indicator agrees with test
 * performance beyond seed noise and against the noise ceiling (the agreement of test Δm with itself
 * between halves of the seeds, stepped up to all seeds where the coefficient allows), in words.
 */
final class RankingVerdict {

    private RankingVerdict() {}

    /** The view of a split-half noise ceiling, stepped up to all seeds where the coefficient allows. */
    static RankingSimilarityView.Ceiling ceiling(SeedBootstrap.Ceiling half, Coefficient c) {
        if (half == null) {
            return null;
        }
        // top-k overlap has no step-up: its ceiling stays the split-half agreement
        boolean stepped = c.stepUpFromHalves(half.value()) != null;
        DoubleUnaryOperator up = v -> stepped ? c.stepUpFromHalves(v) : v;
        return new RankingSimilarityView.Ceiling(
                up.applyAsDouble(half.value()),
                up.applyAsDouble(half.low()),
                up.applyAsDouble(half.high()),
                half.entries(),
                half.splits(),
                stepped,
                new RankingSimilarityView.SplitHalf(half.value(), half.low(), half.high()));
    }

    /** Whether the indicator agrees with test Δm beyond seed noise and beyond the noise ceiling, in words. */
    static String verdict(
            Indicator x,
            Agreement a,
            Heatmap.IntervalView interval,
            RankingSimilarityView.Ceiling ceiling,
            String coefficient) {
        String ceilingText;
        if (a.value() == null || a.unreliable()) {
            return "Too few rows (n = "
                    + a.n()
                    + ") to say whether "
                    + x.label()
                    + " agrees with test performance.";
        }
        String value = String.format(Locale.ROOT, "%s = %.2f", coefficient, a.value());
        String range =
                interval == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                ", 95 %% interval [%.2f, %.2f] "
                                        + "from resampling seeds within rows",
                                interval.low(),
                                interval.high());
        if (ceiling != null && ceiling.rows() < Agreement.MIN_RELIABLE_METHODS) {
            // a ceiling over fewer rows than any coefficient needs says nothing: leave it out
            ceilingText =
                    "no noise ceiling yet (only "
                            + ceiling.rows()
                            + " row(s) have two or more seeds; it needs "
                            + Agreement.MIN_RELIABLE_METHODS
                            + ")";
            ceiling = null;
        } else {
            ceilingText = null;
        }
        if (ceilingText == null) {
            ceilingText =
                    ceiling == null
                            ? "no noise ceiling (it needs rows with at least two seeds)"
                            : ceiling.steppedUp()
                                    ? String.format(
                                            Locale.ROOT,
                                            "the noise ceiling is %.2f: what a perfect predictor"
                                                    + " would reach against test Δm from all seeds,"
                                                    + " stepped up from %.2f between halves of the"
                                                    + " seeds",
                                            ceiling.value(),
                                            ceiling.splitHalf().value())
                                    : String.format(
                                            Locale.ROOT,
                                            "the noise ceiling (test Δm against itself between"
                                                    + " halves of the seeds) is %.2f",
                                            ceiling.value());
        }
        String direction = a.value() > 0 ? "ranks methods like" : "ranks methods opposite to";
        if (interval == null) {
            return x.label()
                    + " "
                    + direction
                    + " test performance by point estimate ("
                    + value
                    + "), but there is "
                    + Heatmap.NO_INTERVAL
                    + "; "
                    + ceilingText
                    + ".";
        }
        String caveat = interval.caveat();
        if (interval.includesZero()) {
            return x.label()
                    + " does not agree with test performance beyond seed noise ("
                    + value
                    + range
                    + ": the interval includes 0"
                    + caveat
                    + "); "
                    + ceilingText
                    + ".";
        }
        if (ceiling == null) {
            return x.label()
                    + " "
                    + direction
                    + " test performance beyond seed noise ("
                    + value
                    + range
                    + caveat
                    + "); "
                    + ceilingText
                    + ".";
        }
        double low = interval.low();
        double high = interval.high();
        String relation =
                low > ceiling.value()
                        ? "beyond the noise ceiling: it agrees with test Δm more than even a perfect "
                                + "predictor is expected to under this seed noise"
                        : high < ceiling.value()
                                ? "below the noise ceiling: seed noise leaves room for a better "
                                        + "predictor of test Δm"
                                : "within reach of the noise ceiling: the interval includes it";
        return x.label()
                + " "
                + direction
                + " test performance beyond seed noise ("
                + value
                + range
                + caveat
                + ") and "
                + relation
                + " ("
                + ceilingText
                + ").";
    }
}
