package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ImtlGradientTest {

    private static double[] projectionsOnUnitGradients(double[] d, double[][] grads) {
        double[] p = new double[grads.length];
        for (int i = 0; i < grads.length; i++) {
            p[i] = Linear.dot(d, grads[i]) / Linear.norm(grads[i]);
        }
        return p;
    }

    @Test
    void shouldSolveTwoOrthogonalGradientsByHand() {
        // D = g1 − g2 = (1, −2), U = u1 − u2 = (1, −1): D Uᵀ = 3, g1 Uᵀ = 1 → α = (2/3, 1/3), d =
        // (2/3, 2/3)
        Step step = new Imtl(2).combine(input(v(1, 1), g(v(1, 0), v(0, 2))));
        assertThat(step.weights()).containsExactly(1.0, 1.0);
        assertThat(direction(step)).containsExactly(v(2.0 / 3, 2.0 / 3), within(1e-12));
        assertThat(Imtl.equalProjectionWeights(g(v(1, 0), v(0, 2))))
                .containsExactly(v(2.0 / 3, 1.0 / 3), within(1e-12));
    }

    @Test
    void shouldSolveThreeOrthogonalGradientsByHand() {
        // d = (α1, 2α2, 3α3) with equal entries p and Σ α = p (1 + 1/2 + 1/3) = 1: p = 6/11
        double[][] grads = g(v(1, 0, 0), v(0, 2, 0), v(0, 0, 3));
        assertThat(Imtl.equalProjectionWeights(grads))
                .containsExactly(v(6.0 / 11, 3.0 / 11, 2.0 / 11), within(1e-12));
        assertThat(direction(new Imtl(3).combine(input(v(1, 1, 1), grads))))
                .containsExactly(v(6.0 / 11, 6.0 / 11, 6.0 / 11), within(1e-12));
    }

    @Test
    void shouldGiveEqualProjectionsOnConflictingGradients() {
        double[][] grads = g(v(1, 2, 2, 0), v(2, -1, -2, 1), v(-3, 0.5, 1, 2));
        double[] alpha = Imtl.equalProjectionWeights(grads);
        double[] p = projectionsOnUnitGradients(Linear.combine(alpha, grads), grads);
        assertThat(Linear.sum(alpha)).isCloseTo(1.0, within(1e-12));
        assertThat(p[1]).isCloseTo(p[0], within(1e-10));
        assertThat(p[2]).isCloseTo(p[0], within(1e-10));
    }

    @Test
    void shouldLeaveZeroGradientsOut() {
        double[] alpha = Imtl.equalProjectionWeights(g(v(1, 0), v(0, 0), v(0, 2)));
        assertThat(alpha).containsExactly(v(2.0 / 3, 0, 1.0 / 3), within(1e-12));
    }

    @Test
    void shouldFollowIdenticalGradientsWithoutASingularSolve() {
        // D U^T = 0 here; the least-squares solve gives α_2 = 0, and d = g_1 = g_2 projects equally
        // anyway
        double[][] grads = g(v(1, 2), v(1, 2));
        assertThat(Imtl.equalProjectionWeights(grads)).containsExactly(v(1, 0), within(1e-12));
        assertThat(direction(new Imtl(2).combine(input(v(1, 1), grads))))
                .containsExactly(v(1, 2), within(1e-12));
    }
}
