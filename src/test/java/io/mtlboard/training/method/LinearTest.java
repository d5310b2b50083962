package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearTest {

    @Test
    void shouldProjectOntoTheSimplexByHand() {
        // already on the simplex: unchanged
        assertThat(Linear.projectOntoSimplex(v(0.2, 0.3, 0.5)))
                .containsExactly(v(0.2, 0.3, 0.5), within(1e-12));
        // (1, 1) → subtract ½ each: (½, ½)
        assertThat(Linear.projectOntoSimplex(v(1, 1))).containsExactly(v(0.5, 0.5), within(1e-12));
        // (2, 0, −1): θ = 1 clips the others to 0: (1, 0, 0)
        assertThat(Linear.projectOntoSimplex(v(2, 0, -1)))
                .containsExactly(v(1, 0, 0), within(1e-12));
        // (0.8, 0.6, 0): θ = 0.2 → (0.6, 0.4, 0)
        assertThat(Linear.projectOntoSimplex(v(0.8, 0.6, 0)))
                .containsExactly(v(0.6, 0.4, 0), within(1e-12));
    }

    @Test
    void shouldSolveRegularAndSingularSystems() {
        assertThat(Linear.solve(new double[][] {{2, 1}, {1, 3}}, v(3, 5)))
                .containsExactly(v(0.8, 1.4), within(1e-12));
        // singular: the minimum-norm least-squares solution of x + y = 2 (twice) is (1, 1)
        assertThat(Linear.solve(new double[][] {{1, 1}, {1, 1}}, v(2, 2)))
                .containsExactly(v(1, 1), within(1e-12));
    }

    @Test
    void shouldKeepSoftmaxFiniteForLargeLogits() {
        assertThat(Linear.softmax(v(1000, 1000 + Math.log(3))))
                .containsExactly(v(0.25, 0.75), within(1e-12));
    }
}
