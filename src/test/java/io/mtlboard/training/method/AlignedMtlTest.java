package io.mtlboard.training.method;

import static io.mtlboard.training.method.Fixtures.direction;
import static io.mtlboard.training.method.Fixtures.g;
import static io.mtlboard.training.method.Fixtures.input;
import static io.mtlboard.training.method.Fixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class AlignedMtlTest {

    private static double[][] times(double[][] b, double[][] grads) {
        double[][] aligned = new double[b.length][];
        for (int i = 0; i < b.length; i++) {
            aligned[i] = Linear.combine(b[i], grads);
        }
        return aligned;
    }

    @Test
    void shouldLeaveOrthogonalEqualNormGradientsUnchanged() {
        // M = 4I: B = 2 · (1/2) I = I, so d = Σ g_i
        Step step = new AlignedMtl(2).combine(input(v(1, 1), g(v(2, 0, 0), v(0, 2, 0))));
        assertThat(direction(step)).containsExactly(v(2, 2, 0), within(1e-12));
        assertThat(step.weights()).containsExactly(1.0, 1.0);
    }

    @Test
    void shouldShrinkTheLongerOfTwoOrthogonalGradientsByHand() {
        // M = diag(1, 4), λ_min = 1: B = diag(1, 1/2), d = (1,0) + ½(0,2) = (1,1)
        assertThat(AlignedMtl.balance(Linear.gram(g(v(1, 0), v(0, 2)))))
                .isDeepEqualTo(new double[][] {{1, 0}, {0, 0.5}});
        Step step = new AlignedMtl(2).combine(input(v(1, 1), g(v(1, 0), v(0, 2))));
        assertThat(direction(step)).containsExactly(v(1, 1), within(1e-12));
    }

    @Test
    void shouldMakeTheGradientSystemPerfectlyConditioned() {
        double[][] grads = g(v(1, 2, 2, 0), v(2, -1, -2, 1), v(0.5, 0.5, 1, 3));
        double[][] m = Linear.gram(grads);
        double[][] aligned = times(AlignedMtl.balance(m), grads);
        double lambdaMin =
                Arrays.stream(
                                new EigenDecomposition(MatrixUtils.createRealMatrix(m))
                                        .getRealEigenvalues())
                        .min()
                        .orElseThrow();
        // the rows of B G are orthogonal with equal squared norms λ_min ...
        double[][] alignedGram = Linear.gram(aligned);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(alignedGram[i][j]).isCloseTo(i == j ? lambdaMin : 0, within(1e-9));
            }
        }
        // ... and d = Σ rows has the same projection λ_min on every one of them
        double[] d = direction(new AlignedMtl(3).combine(input(v(1, 1, 1), grads)));
        for (double[] row : aligned) {
            assertThat(Linear.dot(d, row)).isCloseTo(lambdaMin, within(1e-9));
        }
    }

    @Test
    void shouldDropTheNullDirectionOfParallelGradients() {
        // M = [[1,2],[2,4]]: λ = 5 and 0; B = v vᵀ with v = (1,2)/√5, column sums (0.6, 1.2): d =
        // (3, 0)
        Step step = new AlignedMtl(2).combine(input(v(1, 1), g(v(1, 0), v(2, 0))));
        assertThat(direction(step)).containsExactly(v(3, 0), within(1e-9));
    }

    @Test
    void shouldGiveZeroForZeroGradients() {
        assertThat(direction(new AlignedMtl(2).combine(input(v(1, 1), g(v(0, 0), v(0, 0))))))
                .containsExactly(0.0, 0.0);
    }
}
