package io.mtlboard.analysis.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    // five methods, one tie in each scoring: x ties methods 1 and 2, y ties methods 2 and 3
    private static final double[] X = {1, 2, 2, 3, 5};
    private static final double[] Y = {2, 1, 3, 3, 4};

    @Test
    void shouldComputeKendallTauBWithTiesByHand() {
        // the 10 pairs (i, j), sign of Δx and Δy:
        // (0,1) + -  D   (0,2) + +  C   (0,3) + +  C   (0,4) + +  C   (1,2) 0 +  tie in x
        // (1,3) + +  C   (1,4) + +  C   (2,3) + 0  tie in y            (2,4) + +  C   (3,4) + +  C
        // n_c = 7, n_d = 1, n_0 = 10, n_1 = 1, n_2 = 1
        // τ-b = (7 - 1) / sqrt((10 - 1)(10 - 1)) = 6 / 9; τ-a would be 6 / 10
        assertThat(RankCorrelation.kendallTauB(X, Y)).isCloseTo(2.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldComputeSpearmanRhoOnAverageRanksByHand() {
        // ranks of x: (1, 2.5, 2.5, 4, 5); ranks of y: (2, 1, 3.5, 3.5, 5); both means are 3
        // centred: dx = (-2, -.5, -.5, 1, 2), dy = (-1, -2, .5, .5, 2)
        // Σ dx·dy = 2 + 1 - .25 + .5 + 4 = 7.25; Σ dx² = Σ dy² = 9.5; ρ = 7.25 / 9.5 = 29 / 38
        // (the no-ties shortcut 1 - 6Σd²/(n(n²-1)) would give 1 - 27/120 = 0.775)
        assertThat(RankCorrelation.spearmanRho(X, Y)).isCloseTo(29.0 / 38.0, within(1e-12));
    }

    @Test
    void shouldHandleAPairTiedInBothScorings() {
        // x = (1, 1, 2, 3), y = (2, 2, 1, 3): pair (0,1) is tied in both and counts in n_1 and n_2;
        // (0,2) D, (0,3) C, (1,2) D, (1,3) C, (2,3) C -> τ-b = (3 - 2) / sqrt(5 · 5) = 1/5
        double[] x = {1, 1, 2, 3};
        double[] y = {2, 2, 1, 3};
        assertThat(RankCorrelation.kendallTauB(x, y)).isCloseTo(0.2, within(1e-12));
        // ranks (1.5, 1.5, 3, 4) and (2.5, 2.5, 1, 4), centred on 2.5:
        // Σ dx·dy = (-1)(0) + (-1)(0) + (.5)(-1.5) + (1.5)(1.5) = 1.5; Σ dx² = Σ dy² = 4.5 -> ρ =
        // 1/3
        assertThat(RankCorrelation.spearmanRho(x, y)).isCloseTo(1.0 / 3.0, within(1e-12));
    }

    @Test
    void shouldGiveMinusOneForReversedRankings() {
        double[] up = {1, 2, 3, 4};
        double[] down = {8, 6, 4, 2};
        assertThat(RankCorrelation.kendallTauB(up, down)).isCloseTo(-1.0, within(1e-12));
        assertThat(RankCorrelation.spearmanRho(up, down)).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void shouldBeUndefinedWhenOneScoringIsConstant() {
        double[] flat = {3, 3, 3};
        double[] other = {1, 2, 3};
        assertThat(RankCorrelation.kendallTauB(flat, other)).isNull();
        assertThat(RankCorrelation.spearmanRho(flat, other)).isNull();
    }

    @Test
    void shouldBeUndefinedWithFewerThanTwoMethods() {
        assertThat(RankCorrelation.kendallTauB(new double[] {1}, new double[] {2})).isNull();
        assertThat(RankCorrelation.spearmanRho(new double[] {1}, new double[] {2})).isNull();
        assertThat(RankCorrelation.topKOverlap(new double[0], new double[0], 3)).isNull();
    }

    @Test
    void shouldCountTopKOverlapByHand() {
        // a ranks methods 0 > 1 > 2 > 3 > 4; b ranks 1 > 2 > 3 > 4 > 0
        double[] a = {5, 4, 3, 2, 1};
        double[] b = {1, 5, 4, 3, 2};
        // top-1: {0} vs {1} -> 0; top-2: {0,1} vs {1,2} -> 1/2; top-3: {0,1,2} vs {1,2,3} -> 2/3
        assertThat(RankCorrelation.topKOverlap(a, b, 1)).isEqualTo(0.0);
        assertThat(RankCorrelation.topKOverlap(a, b, 2)).isEqualTo(0.5);
        assertThat(RankCorrelation.topKOverlap(a, b, 3)).isCloseTo(2.0 / 3.0, within(1e-12));
        assertThat(RankCorrelation.topKOverlap(a, b, 5)).isEqualTo(1.0);
    }

    @Test
    void shouldBreakTopKTiesByPosition() {
        // a ties methods 0 and 1 for first place: position 0 wins; b puts method 1 first
        double[] a = {1, 1, 0};
        double[] b = {0, 1, 0};
        assertThat(RankCorrelation.topKOverlap(a, b, 1)).isEqualTo(0.0);
        assertThat(RankCorrelation.topKOverlap(b, a, 1)).isEqualTo(0.0);
        // all tied in c: top-2 = {0, 1}; d: top-2 = {2, 0} (0 before 1 on the tie) -> {0} shared
        double[] c = {1, 1, 1};
        double[] d = {0, 0, 1};
        assertThat(RankCorrelation.topKOverlap(c, d, 2)).isEqualTo(0.5);
    }

    @Test
    void shouldShrinkKToTheNumberOfMethods() {
        // two methods and k = 3: both top sets are all methods, overlap 2 / 2
        assertThat(RankCorrelation.topKOverlap(new double[] {1, 2}, new double[] {2, 1}, 3))
                .isEqualTo(1.0);
    }

    @Test
    void shouldGiveExactlyTheKendallTauBOfCommonsMathOnRandomRankingsWithTies() {
        SplittableRandom random = new SplittableRandom(17);
        for (int t = 0; t < 3_000; t++) {
            int n = 2 + random.nextInt(t < 2_000 ? 12 : 300);
            // few distinct values make many ties; 0.0 and -0.0 are distinct to both
            int levels = 1 + random.nextInt(n + 1);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = value(random, levels);
                y[i] = value(random, levels);
            }
            double expected = new KendallsCorrelation().correlation(x, y);
            Double actual = RankCorrelation.kendallTauB(x, y);
            if (Double.isNaN(expected)) {
                assertThat(actual).isNull();
            } else {
                assertThat(actual).as("n = %d, try %d", n, t).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldGiveTheSameValueBothWaysRoundWhereTheCoefficientSaysItIsSymmetric() {
        SplittableRandom random = new SplittableRandom(23);
        for (Coefficient c :
                java.util.List.of(
                        Coefficient.kendallTauB(),
                        Coefficient.spearmanRho(),
                        Coefficient.topKOverlap(3))) {
            assertThat(c.symmetric()).isTrue();
            for (int t = 0; t < 2_000; t++) {
                int n = 2 + random.nextInt(60);
                int levels = 1 + random.nextInt(n + 1);
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = value(random, levels);
                    y[i] = value(random, levels);
                }
                assertThat(c.compute(x, y)).isEqualTo(c.compute(y, x));
            }
        }
    }

    /** Pearson's r of the average ranks, in 34-digit decimal arithmetic. */
    private static double pearsonInDecimals(double[] a, double[] b) {
        java.math.MathContext mc = java.math.MathContext.DECIMAL128;
        double[] ra = RankCorrelation.averageRanks(a);
        double[] rb = RankCorrelation.averageRanks(b);
        java.math.BigDecimal n = java.math.BigDecimal.valueOf(ra.length);
        java.math.BigDecimal ma = java.math.BigDecimal.ZERO;
        java.math.BigDecimal mb = java.math.BigDecimal.ZERO;
        for (int i = 0; i < ra.length; i++) {
            ma = ma.add(new java.math.BigDecimal(ra[i]));
            mb = mb.add(new java.math.BigDecimal(rb[i]));
        }
        ma = ma.divide(n, mc);
        mb = mb.divide(n, mc);
        java.math.BigDecimal sab = java.math.BigDecimal.ZERO;
        java.math.BigDecimal saa = java.math.BigDecimal.ZERO;
        java.math.BigDecimal sbb = java.math.BigDecimal.ZERO;
        for (int i = 0; i < ra.length; i++) {
            java.math.BigDecimal x = new java.math.BigDecimal(ra[i]).subtract(ma, mc);
            java.math.BigDecimal y = new java.math.BigDecimal(rb[i]).subtract(mb, mc);
            sab = sab.add(x.multiply(y, mc), mc);
            saa = saa.add(x.multiply(x, mc), mc);
            sbb = sbb.add(y.multiply(y, mc), mc);
        }
        return sab.divide(saa.multiply(sbb, mc).sqrt(mc), mc).doubleValue();
    }

    /** ρ by hand: 1 − 6 Σ d² / (n (n² − 1)) without ties, and Pearson's r of average ranks with them. */
    @Test
    void shouldComputeSpearmanRhoAsByHand() {
        // d = 0, 1, 1, 0: 1 − 6 · 2 / (4 · 15) = 0.8, to the last bit
        assertThat(
                        RankCorrelation.spearmanRho(
                                new double[] {1, 2, 3, 4}, new double[] {1, 3, 2, 4}))
                .isEqualTo(0.8);
        // ranks 1.5, 1.5, 3 against 1, 2, 3: centred −0.5, −0.5, 1 and −1, 0, 1, so
        // r = 1.5 / √(1.5 · 2) = √3 / 2
        assertThat(RankCorrelation.spearmanRho(new double[] {5, 5, 9}, new double[] {1, 2, 3}))
                .isCloseTo(Math.sqrt(3) / 2, within(1e-15));
        // reversed order: −1; a constant ranking: undefined
        assertThat(RankCorrelation.spearmanRho(new double[] {1, 2, 3}, new double[] {3, 2, 1}))
                .isEqualTo(-1.0);
        assertThat(RankCorrelation.spearmanRho(new double[] {2, 2, 2}, new double[] {1, 2, 3}))
                .isNull();
        // identical rankings give exactly 1, whatever n
        double[] many = new double[61];
        for (int i = 0; i < many.length; i++) {
            many[i] = (i * 37) % 61;
        }
        assertThat(RankCorrelation.spearmanRho(many, many.clone())).isEqualTo(1.0);
    }

    private static double value(SplittableRandom random, int levels) {
        int level = random.nextInt(levels);
        return switch (random.nextInt(8)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> random.nextGaussian();
            default -> level - levels / 2;
        };
    }

    /**
     * Commons Math's ranking and Pearson's r agree with the exact integer sums to within a few
     * units in the last place, ties included.
     */
    @Test
    void shouldAgreeWithCommonsMathsSpearmanRho() {
        java.util.Random random = new java.util.Random(20261207L);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 2 + random.nextInt(40);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                // few distinct values in some trials, so that ties are common; -0.0 beside 0.0
                a[i] = trial % 3 == 0 ? random.nextInt(4) - 2.0 : random.nextGaussian();
                b[i] = trial % 5 == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextGaussian();
            }
            double expected =
                    new org.apache.commons.math3.stat.correlation.SpearmansCorrelation()
                            .correlation(a, b);
            Double rho = RankCorrelation.spearmanRho(a, b);
            if (Double.isNaN(expected)) {
                assertThat(rho).isNull();
            } else {
                // Commons Math's running sums lose up to ~1e-14 near ρ = 0; 34-digit decimals do
                // not
                assertThat(rho).isCloseTo(expected, within(1e-12));
                assertThat(rho).isCloseTo(pearsonInDecimals(a, b), within(1e-15));
            }
        }
        assertThat(RankCorrelation.averageRanks(new double[] {3, 1, 3, 2, 3}))
                .containsExactly(4, 1, 4, 2, 4);
    }
}
