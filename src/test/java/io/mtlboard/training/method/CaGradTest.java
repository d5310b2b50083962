package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CaGradTest {

    private static final double C = 0.5;

    /** F(w) = wᵀ M 𝟙/T + c √(mean M) √(wᵀ M w), written out independently of the solver. */
    private static double objective(double[][] grads, double[] w) {
        int t = grads.length;
        double[] g0 = Linear.combine(Linear.filled(t, 1.0 / t), grads);
        double[] gw = Linear.combine(w, grads);
        return Linear.dot(gw, g0) + C * Linear.norm(g0) * Linear.norm(gw);
    }

    private static double worstImprovement(double[][] grads, double[] d) {
        double worst = Double.POSITIVE_INFINITY;
        for (double[] gi : grads) {
            worst = Math.min(worst, Linear.dot(gi, d));
        }
        return worst;
    }

    @Test
    void shouldGiveTheMeanGradientWhenCIsZero() {
        Step step = new CaGrad(3, 0).combine(input(v(1, 1, 1), g(v(3, 0), v(-1, 2), v(1, 1))));
        assertThat(direction(step)).containsExactly(v(1, 1), within(1e-12));
        assertThat(step.weights()).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void shouldMatchGridSearchOfTheInnerObjectiveForTwoTasks() {
        double[][] grads = g(v(4, 0), v(-1, 1));
        double bestT = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= 100_000; k++) {
            double t = k / 100_000.0;
            double f = objective(grads, v(t, 1 - t));
            if (f < best) {
                best = f;
                bestT = t;
            }
        }
        double[] w = CaGrad.simplexWeights(Linear.gram(grads), C);
        assertThat(objective(grads, w)).isLessThanOrEqualTo(best + 1e-9);
        assertThat(w[0]).isCloseTo(bestT, within(1e-4));
    }

    @Test
    void shouldMatchGridSearchOfTheInnerObjectiveForThreeTasks() {
        double[][] grads = g(v(2, 1, 0), v(-1, 1, 1), v(0.5, -2, 1));
        double best = Double.POSITIVE_INFINITY;
        int steps = 600;
        for (int a = 0; a <= steps; a++) {
            for (int b = 0; a + b <= steps; b++) {
                best =
                        Math.min(
                                best,
                                objective(
                                        grads,
                                        v(
                                                a / (double) steps,
                                                b / (double) steps,
                                                (steps - a - b) / (double) steps)));
            }
        }
        double[] w = CaGrad.simplexWeights(Linear.gram(grads), C);
        assertThat(Linear.sum(w)).isCloseTo(1.0, within(1e-12));
        assertThat(objective(grads, w)).isLessThanOrEqualTo(best + 1e-9);
    }

    @Test
    void shouldMaximizeTheWorstImprovementInTheBallAroundTheMean() {
        // CAGrad's primal: d* = argmax over ‖d − g0‖ ≤ c‖g0‖ of min_i ⟨g_i, d⟩, returned as d*/(1 +
        // c²)
        double[][] grads = g(v(4, 0), v(-1, 1));
        double[] dStar = direction(new CaGrad(2, C).combine(input(v(1, 1), grads)));
        Linear.addScaled(dStar, C * C, dStar.clone());
        double[] g0 = v(1.5, 0.5);
        double radius = C * Linear.norm(g0);
        double[] offset = dStar.clone();
        Linear.addScaled(offset, -1, g0);
        assertThat(Linear.norm(offset)).isCloseTo(radius, within(1e-9));
        double bestOnCircle = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 100_000; k++) {
            double angle = 2 * Math.PI * k / 100_000;
            double[] d = v(g0[0] + radius * Math.cos(angle), g0[1] + radius * Math.sin(angle));
            bestOnCircle = Math.max(bestOnCircle, worstImprovement(grads, d));
        }
        assertThat(worstImprovement(grads, dStar)).isGreaterThanOrEqualTo(bestOnCircle - 1e-9);
        // and it is better than the mean gradient for the worse-off task
        assertThat(worstImprovement(grads, dStar)).isGreaterThan(worstImprovement(grads, g0));
    }
}
