package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** MoCo against the update of the authors' code (LibMTL {@code weighting/MoCo.py}), worked by hand. */
class MoCoTest {

    private static double[] softmax(double a, double b) {
        double ea = Math.exp(a);
        double eb = Math.exp(b);
        return v(ea / (ea + eb), eb / (ea + eb));
    }

    @Test
    void shouldTrackGradientsAndTakeSoftmaxWeightsAsTheAuthorsCode() {
        var moco = new MoCo(2, 0.5, 0.5, 0.1, 0.5, 0);
        // step 1: ĝ = L g/(‖g‖ + 1e-8) ≈ (1,0) and (0,2); y = 0 − 0.5 (0 − ĝ) = (0.5,0) and (0,1);
        // Y Yᵀ λ = (0.25·½, 1·½); λ = softmax(½ − 0.1·0.125, ½ − 0.1·0.5) = softmax(0.4875, 0.45)
        Step first = moco.combine(input(v(1, 2), g(v(2, 0), v(0, 3))));
        double[] l = softmax(0.4875, 0.45);
        assertThat(direction(first)).containsExactly(v(0.5 * l[0], l[1]), within(1e-8));
        assertThat(first.weights()).containsExactly(v(1, 1), within(0.0));
        // step 2 (t = 2: rates 0.5/√2 and 0.1/√2) with the same gradients
        Step second = moco.combine(input(v(1, 2), g(v(2, 0), v(0, 3))));
        double y1 = 0.5 + 0.5 / Math.sqrt(2) * (1 - 0.5);
        double y2 = 1 + 0.5 / Math.sqrt(2) * (2 - 1);
        double[] l2 =
                softmax(
                        l[0] - 0.1 / Math.sqrt(2) * y1 * y1 * l[0],
                        l[1] - 0.1 / Math.sqrt(2) * y2 * y2 * l[1]);
        assertThat(direction(second)).containsExactly(v(y1 * l2[0], y2 * l2[1]), within(1e-8));
    }

    @Test
    void shouldKeepNearUniformWeightsWhenTheLossesDiffer() {
        // losses 0.5 and 1.0 on orthogonal gradients for 512 steps: the Euclidean projection of the
        // paper drifts to ≈ 0.77 / 0.23; the softmax of the authors' code stays near ½ / ½
        var moco = new MoCo(2, 0.5, 0.5, 0.1, 0.5, 0);
        double[] d = null;
        for (int step = 0; step < 512; step++) {
            d = direction(moco.combine(input(v(0.5, 1.0), g(v(1, 0), v(0, 1)))));
        }
        // y → (0.5, 0) and (0, 1), so d = (0.5 λ_1, λ_2)
        double lambda1 = d[0] / 0.5;
        double lambda2 = d[1];
        assertThat(lambda1 + lambda2).isCloseTo(1.0, within(1e-3));
        assertThat(lambda1).isBetween(0.5, 0.52);
    }
}
