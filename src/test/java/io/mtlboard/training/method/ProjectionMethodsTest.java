package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.scripted;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PCGrad, GradDrop and GradVac on hand-made gradients. */
class ProjectionMethodsTest {

    private static final double[] ONES = v(1, 1);

    @Test
    void shouldCancelTwoOppositeGradientsUnderPcGrad() {
        // g1' = g1 − (⟨g1,g2⟩/‖g2‖²) g2 = (1,0) − (−1)(−1,0) = 0, likewise g2' = 0
        Step step =
                new PcGrad(2, new SplittableRandom(1)).combine(input(ONES, g(v(1, 0), v(-1, 0))));
        assertThat(direction(step)).containsExactly(v(0, 0), within(1e-12));
        assertThat(step.weights()).containsExactly(1.0, 1.0);
    }

    @Test
    void shouldProjectAnObtusePairByHand() {
        // ⟨(1,0), (−1,1)⟩ = −1: g1' = (1,0) + ½(−1,1) = (½,½); g2' = (−1,1) + 1·(1,0) = (0,1); d =
        // (½, 3/2)
        Step step =
                new PcGrad(2, new SplittableRandom(1)).combine(input(ONES, g(v(1, 0), v(-1, 1))));
        assertThat(direction(step)).containsExactly(v(0.5, 1.5), within(1e-12));
    }

    @Test
    void shouldLeaveNonConflictingGradientsAloneUnderPcGrad() {
        // only the pair (1,2) conflicts; g3 is orthogonal to both, so the order does not matter
        double[][] grads = g(v(1, 0, 0), v(-1, 1, 0), v(0, 0, 1));
        Step step = new PcGrad(3, new SplittableRandom(7)).combine(input(v(1, 1, 1), grads));
        assertThat(direction(step)).containsExactly(v(0.5, 1.5, 1), within(1e-12));
    }

    @Test
    void shouldRepeatPcGradTaskOrderFromTheSeed() {
        double[][] grads = g(v(1, 0.2, -0.5), v(-0.8, 1, 0.3), v(0.1, -1, 0.9), v(-0.4, -0.6, -1));
        double[] losses = v(1, 1, 1, 1);
        var first = new PcGrad(4, new SplittableRandom(5));
        var second = new PcGrad(4, new SplittableRandom(5));
        for (int k = 0; k < 5; k++) {
            assertThat(direction(first.combine(input(losses, grads))))
                    .containsExactly(direction(second.combine(input(losses, grads))));
        }
    }

    @Test
    void shouldKeepSignsByPurityAgainstScriptedThresholds() {
        // coordinate: values         Σg  Σ|g| P     U     kept      d
        // 0:         ( 1,   −3)     −2   4   0.25  0.10  positive   1
        // 1:         ( 2,   −2)      0   4   0.5   0.70  negative  −2
        // 2:         (−1,   −1)     −2   2   0     0.30  negative  −2
        // 3:         ( 0.5,  1.5)    2   2   1     0.99  positive   2
        var gradDrop = new GradDrop(2, scripted(0.10, 0.70, 0.30, 0.99));
        Step step = gradDrop.combine(input(ONES, g(v(1, 2, -1, 0.5), v(-3, -2, -1, 1.5))));
        assertThat(direction(step)).containsExactly(1.0, -2.0, -2.0, 2.0);
    }

    @Test
    void shouldDropTheMinoritySignWhenThresholdIsLow() {
        // coordinate 0 again with U = 0.9 > P = 0.25: the negative component survives
        var gradDrop = new GradDrop(2, scripted(0.9));
        assertThat(direction(gradDrop.combine(input(ONES, g(v(1), v(-3)))))).containsExactly(-3.0);
    }

    @Test
    void shouldMatchPcGradOnFirstGradVacStep() {
        // with targets 0 the vaccine lifts a negative cosine to exactly 0: PCGrad's projection
        Step step =
                new GradVac(2, 0.5, new SplittableRandom(1))
                        .combine(input(ONES, g(v(1, 0), v(-1, 1))));
        assertThat(direction(step)).containsExactly(v(0.5, 1.5), within(1e-12));
    }

    @Test
    void shouldRaiseCosineToTheMovingTargetByHand() {
        var gradVac = new GradVac(2, 0.5, new SplittableRandom(1));
        // step 1: cos((1,0), (1,1)) = 1/√2 ≥ 0, no change; targets φ̂ = ½·0 + ½/√2 = 0.3535534
        assertThat(direction(gradVac.combine(input(ONES, g(v(1, 0), v(1, 1))))))
                .containsExactly(v(2, 1), within(1e-12));
        assertThat(gradVac.targets()[0][1]).isCloseTo(0.35355339059327373, within(1e-12));
        // step 2: g1 = (1,0), g2 = (0,1), φ = 0 < φ̂ = √2/4: add g2 · 1 · (φ̂·1 − 0) / (1 · √(1 −
        // 1/8))
        // = g2 / √7, so g1' = (1, 1/√7), whose cosine with g2 is 1/√8 = φ̂; likewise g2' = (1/√7,
        // 1)
        double[] d = direction(gradVac.combine(input(ONES, g(v(1, 0), v(0, 1)))));
        assertThat(d).containsExactly(v(1.3779644730092273, 1.3779644730092273), within(1e-12));
        // targets move towards the cosine before the adjustment: ½·0.3535534 + ½·0
        assertThat(gradVac.targets()[1][0]).isCloseTo(0.17677669529663687, within(1e-12));
    }
}
