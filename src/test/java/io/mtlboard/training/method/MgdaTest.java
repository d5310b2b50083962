package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MgdaTest {

    private static Step mgda(Mgda.Normalization normalization, double[] losses, double[][] grads) {
        return new Mgda(grads.length, normalization).combine(input(losses, grads));
    }

    @Test
    void shouldWeightOrthogonalUnitGradientsEqually() {
        Step step =
                mgda(Mgda.Normalization.NONE, v(1, 1, 1), g(v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)));
        assertThat(step.weights()).containsExactly(v(1.0 / 3, 1.0 / 3, 1.0 / 3), within(1e-12));
        assertThat(direction(step)).containsExactly(v(1.0 / 3, 1.0 / 3, 1.0 / 3), within(1e-12));
    }

    @Test
    void shouldFindMinNormPointOfTwoOrthogonalGradientsOfDifferentLength() {
        // ‖α(1,0) + (1−α)(0,2)‖² = α² + 4(1−α)² is minimal at α = 4/5: d = (4/5, 2/5)
        Step step = mgda(Mgda.Normalization.NONE, v(1, 1), g(v(1, 0), v(0, 2)));
        assertThat(step.weights()).containsExactly(v(0.8, 0.2), within(1e-12));
        assertThat(direction(step)).containsExactly(v(0.8, 0.4), within(1e-12));
    }

    @Test
    void shouldReturnTheShorterGradientWhenItDominates() {
        // ⟨g1, g2⟩ = 2 ≥ ‖g1‖² = 1: the hull's nearest point to 0 is g1 itself
        Step step = mgda(Mgda.Normalization.NONE, v(1, 1), g(v(1, 0), v(2, 1)));
        assertThat(step.weights()).containsExactly(v(1, 0), within(1e-12));
        assertThat(direction(step)).containsExactly(v(1, 0), within(1e-12));
    }

    @Test
    void shouldFindMinNormPointOnAnEdgeOfThreeGradientsExactly() {
        // the segment (1,0,0)–(0,1,0) has its nearest point (½,½,0) with ‖d‖² = ½; (1,1,0) is
        // farther
        // and must get no weight at all (Frank–Wolfe from the uniform start leaves ≈ 1e-3 on it)
        Step step =
                mgda(Mgda.Normalization.NONE, v(1, 1, 1), g(v(1, 0, 0), v(0, 1, 0), v(1, 1, 0)));
        assertThat(step.weights()).containsExactly(v(0.5, 0.5, 0), within(1e-12));
        double[] d = direction(step);
        assertThat(Linear.dot(d, d)).isCloseTo(0.5, within(1e-12));
    }

    /**
     * The exact min-norm point of the hull by enumerating supports S: on S the KKT conditions are
     * M_SS α_S = μ 𝟙, 𝟙ᵀ α_S = 1, so α_S ∝ M_SS⁻¹ 𝟙; it is the optimum when α_S ≥ 0 and
     * (Mα)_j ≥ μ for every j outside S.
     */
    private static double[] enumerated(double[][] m) {
        int t = m.length;
        for (int subset = 1; subset < 1 << t; subset++) {
            int mask = subset;
            int[] support = IntStream.range(0, t).filter(i -> (mask >> i & 1) == 1).toArray();
            double[][] sub = new double[support.length][support.length];
            for (int a = 0; a < support.length; a++) {
                for (int b = 0; b < support.length; b++) {
                    sub[a][b] = m[support[a]][support[b]];
                }
            }
            double[] x = Linear.solve(sub, Linear.filled(support.length, 1));
            double total = Linear.sum(x);
            if (!(total > 0) || Arrays.stream(x).anyMatch(xi -> xi < 0)) {
                continue;
            }
            double[] alpha = new double[t];
            for (int a = 0; a < support.length; a++) {
                alpha[support[a]] = x[a] / total;
            }
            double[] ma = Linear.times(m, alpha);
            double mu = 1 / total;
            if (Arrays.stream(ma).allMatch(v -> v >= mu - 1e-12 * Math.abs(mu))) {
                return alpha;
            }
        }
        throw new AssertionError("no support satisfies the KKT conditions");
    }

    @Test
    void shouldMatchTheEnumeratedExactSolutionOnRandomGradients() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int t = 3 + trial % 3;
            double[][] grads = new double[t][t + 3];
            for (double[] row : grads) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = random.nextGaussian() + (k == 0 ? 0.7 : 0);
                }
            }
            double[][] m = Linear.gram(grads);
            double[] expected = enumerated(m);
            double[] alpha = Mgda.minNormWeights(m);
            assertThat(Linear.sum(alpha)).isCloseTo(1.0, within(1e-12));
            assertThat(alpha).containsExactly(expected, within(1e-7));
            double norm = Linear.dot(Linear.times(m, alpha), alpha);
            double best = Linear.dot(Linear.times(m, expected), expected);
            assertThat(norm).isCloseTo(best, within(1e-10 * Math.max(1, best)));
        }
    }

    @Test
    void shouldSatisfyMinNormOptimalityOnAConflictingTriple() {
        double[][] grads = g(v(2, 1, 0, -1), v(-1, 2, 1, 0), v(0, -1, 2, 1));
        Step step = mgda(Mgda.Normalization.NONE, v(1, 1, 1), grads);
        double[] d = direction(step);
        // optimality on the simplex: no vertex g_t points further back than d, ⟨g_t, d⟩ ≥ ‖d‖²
        for (double[] gt : grads) {
            assertThat(Linear.dot(gt, d)).isGreaterThanOrEqualTo(Linear.dot(d, d) - 1e-4);
        }
        assertThat(Linear.sum(step.weights())).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldSolveOnNormalizedGradientsAndWeightTheRawOnes() {
        // l2: unit gradients (1,0), (0,1) → α = (½, ½); d = ½(1,0) + ½(0,2) = (½, 1)
        Step l2 = mgda(Mgda.Normalization.L2, v(1, 1), g(v(1, 0), v(0, 2)));
        assertThat(l2.weights()).containsExactly(v(0.5, 0.5), within(1e-12));
        assertThat(direction(l2)).containsExactly(v(0.5, 1), within(1e-12));
        // loss: (1,0)/1 and (0,2)/2 are again unit: the same α
        Step loss = mgda(Mgda.Normalization.LOSS, v(1, 2), g(v(1, 0), v(0, 2)));
        assertThat(loss.weights()).containsExactly(v(0.5, 0.5), within(1e-12));
        // loss+: (1,0)/(4·1) = (¼,0) and (0,2)/(1·2) = (0,1): α²/16 + (1−α)² is minimal at α =
        // 16/17
        Step lossPlus = mgda(Mgda.Normalization.LOSS_PLUS, v(4, 1), g(v(1, 0), v(0, 2)));
        assertThat(lossPlus.weights()).containsExactly(v(16.0 / 17, 1.0 / 17), within(1e-12));
    }

    @Test
    void shouldParseNormalizationNames() {
        assertThat(Mgda.Normalization.parse("loss+")).isEqualTo(Mgda.Normalization.LOSS_PLUS);
        assertThat(Mgda.Normalization.parse("L2")).isEqualTo(Mgda.Normalization.L2);
    }
}
