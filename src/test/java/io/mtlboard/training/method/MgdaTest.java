package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MgdaTest {

    private static Step mgda(Mgda.Normalization normalization, double[] losses, double[][] grads) {
        return new Mgda(grads.length, normalization).combine(input(losses, grads));
    }

    @Test
    void shouldWeightOrthogonalUnitGradientsEqually() {
        Step step = mgda(Mgda.Normalization.NONE, v(1, 1, 1), g(v(1, 0, 0), v(0, 1, 0), v(0, 0, 1)));
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
    void shouldFindMinNormPointOnAnEdgeOfThreeGradients() {
        // the segment (1,0,0)–(0,1,0) has its nearest point (½,½,0) with ‖d‖² = ½; (1,1,0) is farther.
        // Frank–Wolfe only shrinks the weight of (1,1,0) step by step and stops once a step moves α
        // by less than 1e-5, so the answer is close, not exact
        Step step = mgda(Mgda.Normalization.NONE, v(1, 1, 1), g(v(1, 0, 0), v(0, 1, 0), v(1, 1, 0)));
        assertThat(step.weights()).containsExactly(v(0.5, 0.5, 0), within(5e-3));
        double[] d = direction(step);
        assertThat(Linear.dot(d, d)).isBetween(0.5, 0.5 + 5e-3);
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
        // loss+: (1,0)/(4·1) = (¼,0) and (0,2)/(1·2) = (0,1): α²/16 + (1−α)² is minimal at α = 16/17
        Step lossPlus = mgda(Mgda.Normalization.LOSS_PLUS, v(4, 1), g(v(1, 0), v(0, 2)));
        assertThat(lossPlus.weights()).containsExactly(v(16.0 / 17, 1.0 / 17), within(1e-12));
    }

    @Test
    void shouldParseNormalizationNames() {
        assertThat(Mgda.Normalization.parse("loss+")).isEqualTo(Mgda.Normalization.LOSS_PLUS);
        assertThat(Mgda.Normalization.parse("L2")).isEqualTo(Mgda.Normalization.L2);
    }
}
