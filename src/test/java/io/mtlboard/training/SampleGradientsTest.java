package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Per-sample gradients on a network small enough to differentiate by hand: a shared linear encoder
 * without bias, z = x Wᵀ with W of shape 2 × 3, and given upstream gradients ∂L_t/∂z. The gradient of
 * sample j's term with respect to W is the outer product u_j ⊗ x_j of its upstream row u_j and its
 * input x_j, flattened row by row.
 */
class SampleGradientsTest {

    private static final float[] X = {1, 2, 0, 0, 1, -1, 3, 0, 1};
    private static final float[] U0 = {1, 0, 0, 2, -1, 1};
    private static final float[] U1 = {0, 1, 1, 1, 2, 0};

    @Test
    void shouldBackpropagateEachSamplesShareOfTheUpstreamGradientToTheSharedWeights() {
        Engine engine = Engine.getEngine("PyTorch");
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        try (NDManager m = engine.newBaseManager()) {
            Linear encoder = Linear.builder().setUnits(2).optBias(false).build();
            encoder.initialize(m, DataType.FLOAT32, new Shape(3, 3));
            List<Parameter> shared = new ArrayList<>();
            encoder.getParameters().values().forEach(shared::add);
            NDArray w = shared.get(0).getArray();
            w.set(m.create(new float[] {0.5f, -1, 2, 1, 0, -0.5f}, new Shape(2, 3)).toFloatArray());
            w.setRequiresGradient(true);
            NDArray z =
                    encoder.forward(
                                    new ParameterStore(m, false),
                                    new NDList(m.create(X, new Shape(3, 3))),
                                    true)
                            .singletonOrThrow();
            NDArray[] upstream = {m.create(U0, new Shape(3, 2)), m.create(U1, new Shape(3, 2))};

            double[][][] g = SampleGradients.parameters(z, upstream, new int[] {0, 1, 2}, shared);

            double[][][] byHand = {
                {{1, 2, 0, 0, 0, 0}, {0, 0, 0, 0, 2, -2}, {-3, 0, -1, 3, 0, 1}},
                {{0, 0, 0, 1, 2, 0}, {0, 1, -1, 0, 1, -1}, {6, 0, 2, 0, 0, 0}}
            };
            for (int t = 0; t < 2; t++) {
                for (int s = 0; s < 3; s++) {
                    assertThat(g[t][s])
                            .as("task %d, sample %d", t, s)
                            .containsExactly(byHand[t][s], within(1e-6));
                }
            }
            // a subset of samples gives the same gradients for those samples
            double[][][] one = SampleGradients.parameters(z, upstream, new int[] {2}, shared);
            assertThat(one[1][0]).containsExactly(byHand[1][2], within(1e-6));
            // feature level: each sample's own row of ∂L_t/∂z
            double[][][] f = SampleGradients.features(upstream, new int[] {0, 2});
            assertThat(f[0][1]).containsExactly(-1, 1);
            assertThat(f[1][0]).containsExactly(0, 1);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    @Test
    void shouldDrawAtMostEightDistinctSamplesOfTheBatch() {
        Random random = new Random(3);
        int[] small = SampleGradients.pick(5, random);
        assertThat(small).containsExactly(0, 1, 2, 3, 4);
        for (int trial = 0; trial < 20; trial++) {
            int[] drawn = SampleGradients.pick(64, random);
            assertThat(drawn).hasSize(8).doesNotHaveDuplicates().isSorted();
            assertThat(drawn[0]).isGreaterThanOrEqualTo(0);
            assertThat(drawn[7]).isLessThan(64);
        }
        assertThat(SampleGradients.pick(64, new Random(7)))
                .containsExactly(SampleGradients.pick(64, new Random(7)));
    }
}
