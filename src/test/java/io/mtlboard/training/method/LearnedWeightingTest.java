package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static io.mtlboard.training.method.Fixtures.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** GradNorm, FAMO, IMTL-L and the Adam that trains learnable weights, by hand. */
class LearnedWeightingTest {

    @Test
    void shouldTakeAdamStepsLikePyTorch() {
        var adam = ParameterOptimizer.adam(0.1, 0);
        double[] p = v(1, -2);
        // step 1: m̂ = g, v̂ = g², so the step is lr · g / (|g| + 1e-8)
        adam.step(p, v(0.5, -3));
        assertThat(p).containsExactly(v(0.9, -1.9), within(1e-8));
        // step 2 with g = (−0.5, −3): m = (0.9·0.05 − 0.05, 0.9·(−0.3) − 0.3) = (−0.005, −0.57),
        // m̂ = m / 0.19; v = 0.999·0.00025 + 0.001·0.25 = 0.00049975 (and 0.0179910 for the
        // second),
        // v̂ = v / 0.001999
        adam.step(p, v(-0.5, -3));
        double m1 = -0.005 / 0.19;
        double v1 = (0.999 * 0.00025 + 0.001 * 0.25) / (1 - 0.999 * 0.999);
        double m2 = -0.57 / 0.19;
        double v2 = (0.999 * 0.009 + 0.001 * 9) / (1 - 0.999 * 0.999);
        double p1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8);
        double p2 = -2 + 0.1 * 3 / (3 + 1e-8);
        assertThat(p)
                .containsExactly(
                        v(
                                p1 - 0.1 * m1 / (Math.sqrt(v1) + 1e-8),
                                p2 - 0.1 * m2 / (Math.sqrt(v2) + 1e-8)),
                        within(1e-12));
    }

    @Test
    void shouldAddWeightDecayToAdamGradient() {
        var adam = ParameterOptimizer.adam(0.1, 0.5);
        double[] p = v(2);
        // g + 0.5 · 2 = 0 + 1: first step moves by lr in the sign of 1
        adam.step(p, v(0));
        assertThat(p[0]).isCloseTo(1.9, within(1e-8));
    }

    @Test
    void shouldMoveGradNormWeightsTowardsTargetGradientNorms() {
        var gradNorm = new GradNorm(2, 1.5, ParameterOptimizer.sgd(0.1));
        double[][] grads = g(v(3, 4), v(1, 0));
        // step 1: L(0) = (1, 1), r = (1, 1); G = (5, 1), Ḡ = 3, target 3 each;
        // gradient = (sign(5 − 3)·5, sign(1 − 3)·1) = (5, −1); w = (1 − 0.5, 1 + 0.1) = (0.5, 1.1),
        // renormalized to sum 2: (0.625, 1.375). The model uses the weights from before: (1, 1)
        assertThat(weights(gradNorm.combine(input(v(1, 1), grads)))).containsExactly(1.0, 1.0);
        assertThat(gradNorm.weights()).containsExactly(v(0.625, 1.375), within(1e-12));
        // step 2: L = (0.5, 1): ratios (0.5, 1), mean 0.75, r = (2/3, 4/3);
        // G = (0.625·5, 1.375·1) = (3.125, 1.375), Ḡ = 2.25, targets 2.25 r^1.5 = (1.2247449,
        // 3.4641016);
        // gradient = (5, −1) again: w = (0.125, 1.475) → (0.15625, 1.84375)
        assertThat(weights(gradNorm.combine(input(v(0.5, 1), grads))))
                .containsExactly(v(0.625, 1.375), within(1e-12));
        assertThat(gradNorm.weights()).containsExactly(v(0.15625, 1.84375), within(1e-12));
    }

    @Test
    void shouldBalanceGradNormWeightedGradientNormsWhenTasksTrainAlike() {
        var gradNorm = new GradNorm(2, 1.5, ParameterOptimizer.sgd(0.01));
        double[][] grads = g(v(4, 0), v(0, 1));
        for (int k = 0; k < 2000; k++) {
            gradNorm.combine(input(v(1, 1), grads));
        }
        // equal training rates: w_1 · 4 = w_2 · 1 with w_1 + w_2 = 2, up to the step size
        assertThat(gradNorm.weights()).containsExactly(v(0.4, 1.6), within(0.02));
    }

    @Test
    void shouldWeightFamoLossesByLogarithmicGradientAndUpdateLogitsByHand() {
        var famo = new Famo(2, ParameterOptimizer.sgd(1));
        // ξ = 0: z = (½, ½); z/L = (0.5, 0.25), c = 1/0.75: w = (2/3, 1/3)
        assertThat(weights(famo.combine(StepInput.ofLosses(1, 2))))
                .containsExactly(v(2.0 / 3, 1.0 / 3), within(1e-8));
        // after the step the first loss halved: δ = (log 2, 0), Jᵀδ = z ⊙ δ − z (zᵀδ) = (¼ log 2,
        // −¼ log 2)
        famo.afterStep(v(0.5, 2));
        double q = 0.25 * Math.log(2);
        assertThat(famo.logits()).containsExactly(v(-q, q), within(1e-8));
        // the task whose loss fell faster loses weight: z = softmax(−q, q), w ∝ z / L
        double z1 = 1 / (1 + Math.exp(2 * q));
        double a = z1 / 1;
        double b = (1 - z1) / 2;
        assertThat(weights(famo.combine(StepInput.ofLosses(1, 2))))
                .containsExactly(v(a / (a + b), b / (a + b)), within(1e-8));
    }

    @Test
    void shouldStepFamoLogitsByAdamRate() {
        var famo = new Famo(2, ParameterOptimizer.adam(0.025, 1e-3));
        assertThat(famo.needsLossesAfterStep()).isTrue();
        famo.combine(StepInput.ofLosses(1, 2));
        famo.afterStep(v(0.5, 2));
        // the first Adam step is lr · sign: ξ = (−0.025, 0.025), z = softmax(ξ) = (0.4875026,
        // 0.5124974),
        // w ∝ z / L = (0.4875026, 0.2562487) → (0.6554645, 0.3445355)
        assertThat(weights(famo.combine(StepInput.ofLosses(1, 2))))
                .containsExactly(v(0.6554645381642384, 0.3445354618357616), within(1e-8));
    }

    @Test
    void shouldRejectFamoAfterStepWithoutCombine() {
        assertThatThrownBy(() -> new Famo(2, ParameterOptimizer.sgd(1)).afterStep(v(1, 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldScaleImtlLossesAndStepScalesAlongAnalyticGradient() {
        var imtl = new Imtl(2, false, ParameterOptimizer.sgd(0.1));
        // s = 0: weights e^0 = 1; ∂/∂s_i (e^{s_i} L_i − s_i) = L_i − 1 = (1, −0.5): s = (−0.1,
        // 0.05)
        assertThat(weights(imtl.combine(StepInput.ofLosses(2, 0.5)))).containsExactly(1.0, 1.0);
        assertThat(imtl.scaleLogits()).containsExactly(v(-0.1, 0.05), within(1e-12));
        assertThat(weights(imtl.combine(StepInput.ofLosses(2, 0.5))))
                .containsExactly(v(0.9048374180359595, 1.0512710963760241), within(1e-12));
    }

    @Test
    void shouldMakeImtlScaledLossesEqualAtEquilibrium() {
        var imtl = new Imtl(2, false, ParameterOptimizer.sgd(0.1));
        for (int k = 0; k < 3000; k++) {
            imtl.combine(StepInput.ofLosses(2, 0.5));
        }
        // e^{s} L − s is minimal at e^{s} L = 1: weights 1 / L = (0.5, 2)
        assertThat(weights(imtl.combine(StepInput.ofLosses(2, 0.5))))
                .containsExactly(v(0.5, 2), within(1e-6));
    }

    @Test
    void shouldApplyImtlGradientPartToScaledGradients() {
        var imtl = new Imtl(2, true, ParameterOptimizer.sgd(0.1));
        double[][] grads = g(v(1, 0), v(0, 2));
        imtl.combine(input(v(2, 0.5), grads));
        // s = (−0.1, 0.05): scaled gradients (e^{−0.1}, 0) and (0, 2e^{0.05}) are orthogonal, so
        // equal
        // projections p on u_1 = (1,0), u_2 = (0,1) give d = (p, p) with α_i = p / ‖g_i‖ summing to
        // 1:
        // p = 1 / (1/0.9048374 + 1/2.1025422) = 0.6325968
        Step step = imtl.combine(input(v(2, 0.5), grads));
        assertThat(direction(step))
                .containsExactly(v(0.6325968435035498, 0.6325968435035498), within(1e-12));
        assertThat(step.weights())
                .containsExactly(v(0.9048374180359595, 1.0512710963760241), within(1e-12));
    }
}
