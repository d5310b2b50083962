package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NashMtlTest {

    private static void assertBargainingCondition(double[][] grads, double[] alpha) {
        double[] ma = Linear.times(Linear.gram(grads), alpha);
        for (int i = 0; i < alpha.length; i++) {
            assertThat(alpha[i]).isPositive();
            assertThat(ma[i] * alpha[i]).isCloseTo(1.0, within(1e-8));
        }
    }

    @Test
    void shouldWeightOrthogonalGradientsByInverseNorms() {
        // M = diag(4, 1/4): α_i² ‖g_i‖² = 1 → α = (1/2, 2); d = (1, 1) has norm √2 = √T, clipped to
        // 1
        Step step = new NashMtl(2, 1).combine(input(v(1, 1), g(v(2, 0), v(0, 0.5))));
        assertThat(step.weights()).containsExactly(v(0.5, 2), within(1e-9));
        assertThat(direction(step))
                .containsExactly(v(Math.sqrt(0.5), Math.sqrt(0.5)), within(1e-9));
    }

    @Test
    void shouldNotClipWhenMaxNormIsOff() {
        Step step = new NashMtl(2, 0).combine(input(v(1, 1), g(v(2, 0), v(0, 0.5))));
        assertThat(direction(step)).containsExactly(v(1, 1), within(1e-9));
    }

    @Test
    void shouldSatisfyTheBargainingConditionOnConflictingGradients() {
        double[][] grads = g(v(3, 1, 0), v(-1, 2, 0.5), v(0.2, -0.3, 4));
        var nash = new NashMtl(3, 1);
        Step step = nash.combine(input(v(1, 1, 1), grads));
        assertBargainingCondition(grads, step.weights());
        // (Mα)_i α_i = 1 for all i means ‖d‖² = αᵀMα = T before clipping; every task improves
        double[] d = direction(step);
        assertThat(Linear.norm(d)).isCloseTo(1.0, within(1e-9));
        for (double[] gi : grads) {
            assertThat(Linear.dot(gi, d)).isPositive();
        }
        // warm-started from the last solution, the same input gives the same answer
        assertThat(nash.combine(input(v(1, 1, 1), grads)).weights())
                .containsExactly(step.weights(), within(1e-9));
    }

    @Test
    void shouldSolveTheConditionAtAnyGradientScale() {
        double[][] grads = g(v(3e-4, 1e-4), v(-1e-4, 2e-4));
        assertBargainingCondition(
                grads, new NashMtl(2, 1).combine(input(v(1, 1), grads)).weights());
    }

    @Test
    void shouldFindNoSolutionWhenAPositiveCombinationVanishes() {
        // opposite gradients: α = (1, 1) makes Σ α_i g_i = 0, so no α > 0 has (Mα)_i α_i = 1
        assertThat(NashMtl.bargainingWeights(new double[][] {{0.5, -0.5}, {-0.5, 0.5}}, v(1, 1)))
                .isNull();
    }

    @Test
    void shouldKeepThePreviousWeightsWhenNoSolutionExists() {
        var nash = new NashMtl(2, 1);
        // step 1: M = diag(4, 1/4), ‖M‖_F = √16.0625; on M/‖M‖_F the solution is α̃_i = (‖M‖_F /
        // M_ii)^{1/2}
        nash.combine(input(v(1, 1), g(v(2, 0), v(0, 0.5))));
        // step 2 has no solution: α̃ is kept and rescaled by this step's ‖M‖_F^{-1/2} = 2^{-1/2}
        Step step = nash.combine(input(v(1, 1), g(v(1, 0), v(-1, 0))));
        double frobenius = Math.sqrt(16.0625);
        assertThat(step.weights())
                .containsExactly(
                        v(
                                Math.sqrt(frobenius / 4) / Math.sqrt(2),
                                Math.sqrt(frobenius / 0.25) / Math.sqrt(2)),
                        within(1e-9));
    }

    @Test
    void shouldAcceptAPointWhoseNewtonDecrementIsBelowRoundOff() {
        // M = [[2, 0.3], [0.3, 1]] / ‖·‖_F; α* solves (Mα)_i α_i = 1; a start 1e-9 off α* has a
        // residual
        // ≈ 1e-9 > 1e-10, and the Armijo test on a potential of order 1 cannot see a decrease of
        // 1e-18
        double f = Math.sqrt(4 + 2 * 0.09 + 1);
        double[][] m = {{2 / f, 0.3 / f}, {0.3 / f, 1 / f}};
        double[] exact = NashMtl.bargainingWeights(m, v(1, 1));
        assertThat(NashMtl.residual(m, exact)).isLessThan(1e-10);
        double[] start = v(exact[0] * (1 + 1e-9), exact[1] * (1 - 1e-9));
        assertThat(NashMtl.residual(m, start)).isGreaterThan(1e-10);
        double[] accepted = NashMtl.bargainingWeights(m, start);
        assertThat(accepted).isNotNull();
        assertThat(NashMtl.residual(m, accepted)).isLessThan(1e-8);
        assertThat(accepted).containsExactly(exact, within(1e-8));
    }

    @Test
    void shouldMatchTheClosedFormOfTwoTasksOnRandomConflicts() {
        // two tasks: α_1² M_11 + α_1 α_2 M_12 = 1 and α_2² M_22 + α_1 α_2 M_12 = 1. With r =
        // α_2/α_1,
        // M_11 + r M_12 = r² M_22 + r M_12 → r = √(M_11/M_22), α_1 = (M_11 + r M_12)^{-1/2}
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            double[][] grads =
                    g(
                            v(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()),
                            v(random.nextGaussian(), random.nextGaussian(), random.nextGaussian()));
            double[][] m = Linear.gram(grads);
            double r = Math.sqrt(m[0][0] / m[1][1]);
            if (m[0][0] + r * m[0][1] <= 1e-6) {
                continue; // (nearly) opposite: no solution
            }
            double a1 = 1 / Math.sqrt(m[0][0] + r * m[0][1]);
            double[] warm = v(1, 1);
            double[] alpha = NashMtl.bargainingWeights(m, warm);
            assertThat(alpha).isNotNull();
            assertThat(alpha).containsExactly(v(a1, r * a1), within(1e-6 * a1 * Math.max(1, r)));
        }
    }
}
