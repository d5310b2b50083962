package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.scripted;
import static io.mtlboard.training.method.Fixtures.v;
import static io.mtlboard.training.method.Fixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** EW, UW, DWA, RLW and GLS on hand-checked losses. */
class LossWeightingTest {

    @Test
    void shouldWeightEveryTaskOneUnderEqualWeighting() {
        Step step = new EqualWeighting(3).combine(StepInput.ofLosses(0.5, 2, 7));
        assertThat(weights(step)).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void shouldWeightByHalfInverseVarianceAndStepLogVarianceAlongAnalyticGradient() {
        var uw = new UncertaintyWeighting(2, -0.5, ParameterOptimizer.sgd(0.1));
        // w = 1 / (2 e^{-0.5}) = e^{0.5} / 2 = 0.8243606 for both tasks
        Step step = uw.combine(StepInput.ofLosses(1, 4));
        assertThat(weights(step))
                .containsExactly(v(0.8243606353500641, 0.8243606353500641), within(1e-12));
        // ∂/∂s_i = 1/2 − L_i / (2 e^{s_i}): 0.5 − 0.8243606 = −0.3243606 and 0.5 − 3.2974425 =
        // −2.7974425,
        // so s = −0.5 + 0.1 · (0.3243606, 2.7974425)
        assertThat(uw.logVariances())
                .containsExactly(v(-0.4675639364649936, -0.22025574585997437), within(1e-12));
    }

    @Test
    void shouldSettleUncertaintyAtLogOfConstantLoss() {
        var uw = new UncertaintyWeighting(2, -0.5, ParameterOptimizer.sgd(0.1));
        for (int k = 0; k < 5000; k++) {
            uw.combine(StepInput.ofLosses(1, 4));
        }
        // L/(2e^s) + s/2 is minimal at e^s = L: s = (0, log 4), weights 1 / (2L)
        assertThat(uw.logVariances()).containsExactly(v(0, Math.log(4)), within(1e-6));
        assertThat(weights(uw.combine(StepInput.ofLosses(1, 4))))
                .containsExactly(v(0.5, 0.125), within(1e-6));
    }

    @Test
    void shouldWeightOneUntilTwoEpochsEndedThenSoftmaxOfLossRatios() {
        var dwa = new DynamicWeightAverage(2, 2);
        assertThat(weights(dwa.combine(StepInput.ofLosses(3, 1)))).containsExactly(1.0, 1.0);
        dwa.endEpoch(v(2, 1));
        assertThat(weights(dwa.combine(StepInput.ofLosses(3, 1)))).containsExactly(1.0, 1.0);
        dwa.endEpoch(v(1, 1));
        // r = (1/2, 1/1), r/τ = (0.25, 0.5): w = 2 (e^0.25, e^0.5) / (e^0.25 + e^0.5); the faster
        // task gets less
        double[] w = weights(dwa.combine(StepInput.ofLosses(3, 1)));
        assertThat(w).containsExactly(v(0.8756469982284038, 1.1243530017715964), within(1e-12));
        dwa.endEpoch(v(1, 0.5));
        // now r = (1/1, 0.5/1) from the last two epochs: w = 2 (e^0.5, e^0.25) / (e^0.5 + e^0.25)
        assertThat(weights(dwa.combine(StepInput.ofLosses(3, 1))))
                .containsExactly(v(1.1243530017715964, 0.8756469982284038), within(1e-12));
    }

    @Test
    void shouldDrawRandomWeightsAsSoftmaxOfGaussians() {
        // λ = (0, log 3): softmax = (1/4, 3/4)
        var rlw = new RandomLossWeighting(2, scripted(0, Math.log(3)));
        assertThat(weights(rlw.combine(StepInput.ofLosses(1, 1))))
                .containsExactly(v(0.25, 0.75), within(1e-12));
    }

    @Test
    void shouldDrawRandomWeightsOnTheSimplexReproduciblyFromTheSeed() {
        var first = new RandomLossWeighting(3, new SplittableRandom(42));
        var second = new RandomLossWeighting(3, new SplittableRandom(42));
        var other = new RandomLossWeighting(3, new SplittableRandom(43));
        for (int k = 0; k < 20; k++) {
            double[] w = weights(first.combine(StepInput.ofLosses(1, 2, 3)));
            assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, within(1e-12));
            assertThat(Arrays.stream(w).min().orElseThrow()).isPositive();
            assertThat(weights(second.combine(StepInput.ofLosses(1, 2, 3)))).containsExactly(w);
            assertThat(weights(other.combine(StepInput.ofLosses(1, 2, 3)))).isNotEqualTo(w);
        }
    }

    @Test
    void shouldWeightByPartialDerivativesOfGeometricMean() {
        // (1·4)^{1/2} = 2; ∂/∂L_1 = ½ √(L_2/L_1) = 1, ∂/∂L_2 = ½ √(L_1/L_2) = 1/4
        assertThat(weights(new GeometricLossStrategy(2).combine(StepInput.ofLosses(1, 4))))
                .containsExactly(v(1, 0.25), within(1e-12));
        // (1·2·4)^{1/3} = 2; w_i = 2 / (3 L_i) = (2/3, 1/3, 1/6)
        assertThat(weights(new GeometricLossStrategy(3).combine(StepInput.ofLosses(1, 2, 4))))
                .containsExactly(v(2.0 / 3, 1.0 / 3, 1.0 / 6), within(1e-12));
    }

    @Test
    void shouldMatchFiniteDifferencesOfGeometricMean() {
        double[] losses = v(0.3, 1.7, 2.9);
        double[] w = weights(new GeometricLossStrategy(3).combine(StepInput.ofLosses(losses)));
        for (int i = 0; i < 3; i++) {
            double[] up = losses.clone();
            double[] down = losses.clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            double derivative =
                    (Math.cbrt(up[0] * up[1] * up[2]) - Math.cbrt(down[0] * down[1] * down[2]))
                            / 2e-6;
            assertThat(w[i]).isCloseTo(derivative, within(1e-8));
        }
    }

    @Test
    void shouldRejectNonPositiveLossesInGeometricMean() {
        assertThatThrownBy(() -> new GeometricLossStrategy(2).combine(StepInput.ofLosses(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
