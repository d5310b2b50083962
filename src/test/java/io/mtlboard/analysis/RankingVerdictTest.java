package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtlboard.analysis.ranking.Agreement;
import io.mtlboard.analysis.ranking.Coefficient;
import io.mtlboard.analysis.ranking.SeedBootstrap;
import org.junit.jupiter.api.Test;

/** The scatter's verdict in words: seed noise first, then the noise ceiling. */
class RankingVerdictTest {

    private static final Indicator COSINE = Indicator.byKey("param.interTask.cosine").orElseThrow();
    private static final RankingSimilarityView.Ceiling CEILING =
            new RankingSimilarityView.Ceiling(
                    0.5,
                    0.3,
                    0.7,
                    20,
                    200,
                    true,
                    new RankingSimilarityView.SplitHalf(0.2, 0.05, 0.35));

    private static String verdict(
            double value, double low, double high, RankingSimilarityView.Ceiling ceiling) {
        return RankingVerdict.verdict(
                COSINE,
                new Agreement(value, 20, false),
                new Heatmap.IntervalView(low, high, low <= 0 && high >= 0, 1000),
                ceiling,
                "Kendall τ-b");
    }

    @Test
    void shouldSayNoAgreementBeyondSeedNoiseWhenTheIntervalIncludesZero() {
        assertThat(verdict(0.1, -0.2, 0.35, CEILING))
                .contains("does not agree with test performance beyond seed noise")
                .contains("[-0.20, 0.35]")
                .contains("noise ceiling")
                .contains("0.50");
    }

    @Test
    void shouldSayBeyondTheNoiseCeilingWhenTheWholeIntervalIsAboveIt() {
        assertThat(verdict(0.8, 0.6, 0.9, CEILING))
                .contains("ranks methods like test performance beyond seed noise")
                .contains("beyond the noise ceiling");
    }

    @Test
    void shouldSayBelowTheNoiseCeilingOrWithinReachOfIt() {
        assertThat(verdict(0.25, 0.1, 0.4, CEILING)).contains("below the noise ceiling");
        assertThat(verdict(0.45, 0.2, 0.6, CEILING)).contains("within reach of the noise ceiling");
        assertThat(verdict(-0.6, -0.8, -0.4, CEILING))
                .contains("ranks methods opposite to test performance");
        assertThat(verdict(0.6, 0.2, 0.8, null)).contains("no noise ceiling");
    }

    @Test
    void shouldNotCompareWithACeilingOfTooFewRows() {
        // a ceiling over 4 rows with two or more seeds: no coefficient is read from fewer than 5
        RankingSimilarityView.Ceiling thin =
                new RankingSimilarityView.Ceiling(
                        0,
                        0,
                        0.1,
                        4,
                        200,
                        true,
                        new RankingSimilarityView.SplitHalf(-0.32, -0.67, 0.33));
        assertThat(verdict(0.01, -0.03, 0.04, thin))
                .contains("does not agree with test performance beyond seed noise")
                .contains("no noise ceiling yet (only 4 row(s) have two or more seeds; it needs 5)")
                .doesNotContain("-0.32");
        assertThat(verdict(0.6, 0.4, 0.8, thin))
                .contains("ranks methods like test performance beyond seed noise")
                .doesNotContain("below the noise ceiling")
                .contains("no noise ceiling yet");
    }

    @Test
    void shouldSayTooFewRowsWhenTheCoefficientIsUnreliable() {
        assertThat(
                        RankingVerdict.verdict(
                                COSINE, new Agreement(0.9, 3, true), null, CEILING, "Kendall τ-b"))
                .startsWith("Too few rows (n = 3)");
    }

    @Test
    void shouldNameTheSplitHalfAgreementTheCeilingIsSteppedUpFrom() {
        assertThat(verdict(0.25, 0.1, 0.4, CEILING))
                .contains("the noise ceiling is 0.50: what a perfect predictor would reach")
                .contains("stepped up from 0.20 between halves of the seeds")
                .contains("seed noise leaves room for a better predictor");
    }

    @Test
    void shouldStepTheMeasuredCeilingUpToAllSeedsUnlessTheCoefficientIsTopK() {
        var half = new SeedBootstrap.Ceiling(0.34, 0.11, 0.5, 26, 200);
        RankingSimilarityView.Ceiling tau = RankingVerdict.ceiling(half, Coefficient.kendallTauB());
        assertThat(tau.steppedUp()).isTrue();
        assertThat(tau.value()).isCloseTo(0.6135842087511533, within(1e-12));
        assertThat(tau.low()).isCloseTo(0.3644195113308719, within(1e-12));
        assertThat(tau.high()).isCloseTo(0.7281133275477534, within(1e-12));
        assertThat(tau.splitHalf().value()).isEqualTo(0.34);
        assertThat(tau.rows()).isEqualTo(26);
        RankingSimilarityView.Ceiling topK =
                RankingVerdict.ceiling(half, Coefficient.topKOverlap(3));
        assertThat(topK.steppedUp()).isFalse();
        assertThat(topK.value()).isEqualTo(0.34);
        assertThat(RankingVerdict.ceiling(null, Coefficient.kendallTauB())).isNull();
    }

    @Test
    void shouldNotClaimAgreementBeyondSeedNoiseWithoutAnInterval() {
        String v =
                RankingVerdict.verdict(
                        COSINE, new Agreement(0.6, 8, false), null, null, "Kendall τ-b");
        assertThat(v)
                .startsWith(
                        "cosine similarity (param, inter-task, batch) ranks methods like test"
                                + " performance by point estimate (Kendall τ-b = 0.60), but there is"
                                + " no seed interval, so not tested against seed noise")
                .doesNotContain("beyond seed noise");
    }

    @Test
    void shouldSayThatAnIntervalOverSomeOneRunRowsIsTooNarrow() {
        String v =
                RankingVerdict.verdict(
                        COSINE,
                        new Agreement(0.6, 20, false),
                        new Heatmap.IntervalView(0.4, 0.75, false, 1000, 20, 5, 0),
                        CEILING,
                        "Kendall τ-b");
        assertThat(v)
                .contains(
                        "[0.40, 0.75] from resampling seeds within rows; 5 of 20 rows have one run")
                .contains("within reach of the noise ceiling");
    }
}
