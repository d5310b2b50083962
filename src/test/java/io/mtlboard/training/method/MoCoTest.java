package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MoCoTest {

    @Test
    void shouldTrackGradientsAndStepSimplexWeightsByHand() {
        var moco = new MoCo(2, 0.5, 0.5, 0.1, 0.5, 0);
        // step 1: ĝ = L g/‖g‖ = (1,0) and (0,2); y = 0 − 0.5 (0 − ĝ) = (0.5,0) and (0,1);
        // Y Yᵀ = diag(0.25, 1); λ − 0.1 (0.125, 0.5) = (0.4875, 0.45), projected by adding 0.03125 each
        Step first = moco.combine(input(v(1, 2), g(v(2, 0), v(0, 3))));
        assertThat(direction(first)).containsExactly(v(0.5 * 0.51875, 0.48125), within(1e-12));
        // step 2 (t = 2, rates 0.5/√2 and 0.1/√2) with the same gradients: y = (0.5 + 0.5(1 − 0.5)/√2, 0)
        // and (0, 1 + 0.5(2 − 1)/√2)
        Step second = moco.combine(input(v(1, 2), g(v(2, 0), v(0, 3))));
        double y1 = 0.5 + 0.25 / Math.sqrt(2);
        double y2 = 1 + 0.5 / Math.sqrt(2);
        double l1 = 0.51875 - 0.1 / Math.sqrt(2) * y1 * y1 * 0.51875;
        double l2 = 0.48125 - 0.1 / Math.sqrt(2) * y2 * y2 * 0.48125;
        double shift = (1 - l1 - l2) / 2;
        assertThat(direction(second)).containsExactly(v(y1 * (l1 + shift), y2 * (l2 + shift)), within(1e-12));
    }
}
