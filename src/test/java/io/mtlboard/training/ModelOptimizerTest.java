package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Two steps of Adam and of SGD with momentum on w = (1, 2) with gradients (0.5, −1) then (1, 1),
 * lr 0.1, against the values computed by hand from PyTorch's update rules.
 */
class ModelOptimizerTest {

    private static float[] twoSteps(ModelOptimizer optimizer) {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            optimizer.update("w", w, m.create(new float[] {0.5f, -1}));
            optimizer.update("w", w, m.create(new float[] {1, 1}));
            return w.toFloatArray();
        }
    }

    @Test
    void shouldFollowBiasCorrectedAdamWhenStepping() {
        // step 1: m̂ = g, v̂ = g², so w moves by lr·sign(g) to (0.9, 2.1);
        // step 2: m = (0.145, 0.01), v = (0.00124975, 0.001999), bias corrections 0.19 and 0.001999
        float[] w = twoSteps(ModelOptimizer.of("adam", 0.1));
        assertThat(w[0]).isCloseTo(0.8034818f, within(1e-6f));
        assertThat(w[1]).isCloseTo(2.0947368f, within(1e-6f));
    }

    @Test
    void shouldAccumulateMomentumWhenSgdSteps() {
        // step 1: buf = g, w = (0.95, 2.1); step 2: buf = 0.9·(0.5, −1) + (1, 1) = (1.45, 0.1)
        float[] w = twoSteps(ModelOptimizer.of("sgd", 0.1));
        assertThat(w[0]).isCloseTo(0.805f, within(1e-6f));
        assertThat(w[1]).isCloseTo(2.09f, within(1e-6f));
    }

    @Test
    void shouldScaleTheStepByTheScheduledFactor() {
        // SGD, lr 0.1 at factor ½: step 1 w = (0.975, 2.05); step 2 at factor ¼ with buf (1.45,
        // 0.1): w = (0.975 − 0.025·1.45, 2.05 − 0.025·0.1) = (0.93875, 2.0475)
        ModelOptimizer sgd = ModelOptimizer.of("sgd", 0.1);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2});
            sgd.schedule(0.5);
            sgd.update("w", w, m.create(new float[] {0.5f, -1}));
            sgd.schedule(0.25);
            sgd.update("w", w, m.create(new float[] {1, 1}));
            assertThat(w.toFloatArray()[0]).isCloseTo(0.93875f, within(1e-6f));
            assertThat(w.toFloatArray()[1]).isCloseTo(2.0475f, within(1e-6f));
        }
        // Adam's first step moves by lr·factor·sign(g)
        ModelOptimizer adam = ModelOptimizer.of("adam", 0.1);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(new float[] {1});
            adam.schedule(0.5);
            adam.update("w", w, m.create(new float[] {3}));
            assertThat(w.getFloat()).isCloseTo(0.95f, within(1e-6f));
        }
        assertThatThrownBy(() -> adam.schedule(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepStateApartWhenParametersDiffer() {
        ModelOptimizer adam = ModelOptimizer.of("adam", 0.1);
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = m.create(new float[] {1});
            NDArray b = m.create(new float[] {1});
            adam.update("a", a, m.create(new float[] {1}));
            adam.update("a", a, m.create(new float[] {1}));
            adam.update("b", b, m.create(new float[] {1}));
            assertThat(b.getFloat()).isCloseTo(0.9f, within(1e-6f));
            assertThat(a.getFloat()).isCloseTo(0.8f, within(1e-6f));
        }
    }

    @Test
    void shouldRejectUnknownOptimizersAndNonPositiveRates() {
        assertThatThrownBy(() -> ModelOptimizer.of("rmsprop", 0.1))
                .hasMessageContaining("known: [adam, sgd]");
        assertThatThrownBy(() -> ModelOptimizer.of("adam", 0)).hasMessageContaining("positive");
    }
}
