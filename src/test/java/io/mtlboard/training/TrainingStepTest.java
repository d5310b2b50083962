package io.mtlboard.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtlboard.training.method.MtlMethod;
import io.mtlboard.training.method.MtlMethods;
import io.mtlboard.training.method.Step;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The trainer's gradient paths on a small LeNet: per-task parameter gradients against central
 * finite differences, feature-level directions against the parameter-level linear combination,
 * and every way of applying equal weighting (loss weights with and without per-task gradients,
 * a parameter-level direction, a feature-level direction) against each other.
 */
class TrainingStepTest {

    private static final long SEED = 3;
    private static final int BATCH = 8;

    @Test
    void shouldMatchFiniteDifferencesWhenTakingPerTaskParameterGradients() {
        double[][][] captured = new double[1][][];
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            double[] base = {f.loss(0), f.loss(1)};
            TrainingStep step =
                    f.step(
                            StepFixture.method(
                                    in -> {
                                        captured[0] = in.gradients();
                                        return new Step.Weights(new double[] {0, 0});
                                    }),
                            GradientLevel.PARAM);
            f.run(step, false);
            assertThat(f.loss(0)).isEqualTo(base[0]);
            List<Parameter> shared = f.net.sharedParameters();
            for (int t = 0; t < 2; t++) {
                int checked = 0;
                int offset = 0;
                for (Parameter p : shared) {
                    int n = (int) p.getArray().getShape().size();
                    int k = largest(captured[0][t], offset, n);
                    double numeric = centralDifference(f, p, k - offset, t);
                    assertThat(numeric)
                            .as("task %d, %s[%d]", t, p.getName(), k - offset)
                            .isCloseTo(
                                    captured[0][t][k],
                                    Offset.offset(0.02 * Math.abs(captured[0][t][k]) + 5e-4));
                    offset += n;
                    checked++;
                }
                assertThat(checked).isEqualTo(shared.size());
            }
        }
    }

    @Test
    void shouldApplyTheLinearCombinationWhenAFeatureLevelDirectionIsBackpropagated() {
        double[] alpha = {0.3, 1.7};
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            TrainingStep step =
                    f.step(
                            StepFixture.method(
                                    in ->
                                            new Step.Direction(
                                                    combine(alpha, in.gradients()),
                                                    new double[] {1, 1})),
                            GradientLevel.FEATURE);
            StepFixture.Applied a = f.run(step, true);
            double[] expected = combine(alpha, a.record().taskGradients());
            assertClose(a.shared(), expected);
        }
    }

    @Test
    void
            shouldTakeAlphaFromBatchSummedFeatureGradientsAndApplyItPerSampleWhenAskedForTheBatchSum() {
        double[] alpha = {0.3, 1.7};
        double[][][] seen = new double[1][][];
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            TrainingStep step =
                    f.step(
                            StepFixture.method(
                                    in -> {
                                        seen[0] = in.gradients();
                                        return new Step.Direction(
                                                combine(alpha, in.gradients()),
                                                new double[] {1, 1});
                                    }),
                            GradientLevel.FEATURE,
                            FeatureGradients.BATCH_SUM);
            StepFixture.Applied a = f.run(step, true);
            // the method saw one row of 50 features per task: the flat ∂L/∂z (8 × 50) summed over
            // the batch
            double[][] flat = a.record().featureGradients();
            for (int t = 0; t < 2; t++) {
                assertThat(seen[0][t]).hasSize(50);
                for (int j = 0; j < 50; j++) {
                    double sum = 0;
                    for (int b = 0; b < BATCH; b++) {
                        sum += flat[t][b * 50 + j];
                    }
                    assertThat(seen[0][t][j]).isCloseTo(sum, Offset.offset(1e-6));
                }
            }
            // its direction's coefficients weight the per-sample gradients: Σ α_i ∂L_i/∂θ
            assertClose(a.shared(), combine(alpha, a.record().taskGradients()));
        }
    }

    @Test
    void shouldRejectADirectionOutsideTheSpanWhenAskedForTheBatchSum() {
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            TrainingStep step =
                    f.step(
                            StepFixture.method(
                                    in -> {
                                        double[] d = new double[in.gradients()[0].length];
                                        d[0] = 1; // a coordinate mask, as GradDrop's, is not a
                                        // combination of two 50-dimensional rows
                                        d[7] = -2;
                                        d[19] = 0.5;
                                        return new Step.Direction(d, new double[] {1, 1});
                                    }),
                            GradientLevel.FEATURE,
                            FeatureGradients.BATCH_SUM);
            Assertions.assertThatThrownBy(() -> f.run(step, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("batch-sum");
        }
    }

    /** The head update norms of one EW step with the optimizer and loss scales (null: none). */
    private static double[] firstHeadUpdates(
            ModelOptimizer optimizer, double[] scales, boolean frozen) {
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            TrainingStep step =
                    new TrainingStep(
                            StepFixture.MULTIFASHION,
                            f.net,
                            MtlMethods.create("ew", 1, 2),
                            GradientLevel.PARAM,
                            optimizer,
                            new ParameterStore(f.manager, false),
                            FeatureGradients.FLAT,
                            scales,
                            frozen);
            StepFixture.Applied a = f.run(step, false);
            if (frozen) {
                assertThat(Arrays.stream(a.shared()).allMatch(x -> x == 0)).isTrue();
            }
            return step.takeHeadUpdates();
        }
    }

    @Test
    void shouldScaleHeadUpdatesWithTheLossUnderSgdButNotUnderAdam() {
        // Elich et al. §4.1: SGD's step is lr·g, so a loss ×10 moves its head 10× as far; Adam's
        // first step is
        // lr·g/|g| per coordinate, the same whatever the scale
        double[] scales = {10, 0.1};
        double[] sgd = firstHeadUpdates(new ModelOptimizer.Sgd(0.1, 0.9), scales, true);
        double[] sgdPlain = firstHeadUpdates(new ModelOptimizer.Sgd(0.1, 0.9), null, true);
        assertThat(sgd[0] / sgdPlain[0]).isCloseTo(10, Offset.offset(1e-3));
        assertThat(sgd[1] / sgdPlain[1]).isCloseTo(0.1, Offset.offset(1e-5));
        double[] adam = firstHeadUpdates(new ModelOptimizer.Adam(1e-3), scales, false);
        double[] adamPlain = firstHeadUpdates(new ModelOptimizer.Adam(1e-3), null, false);
        assertThat(adam[0] / adamPlain[0]).isCloseTo(1, Offset.offset(1e-3));
        assertThat(adam[1] / adamPlain[1]).isCloseTo(1, Offset.offset(1e-2));
        assertThat(adamPlain[0]).isPositive();
    }

    @Test
    void shouldApplyTheSameUpdateWhenEqualWeightingTakesAnyPath() {
        double[] weights = applied(MtlMethods.create("ew", 1, 2), GradientLevel.PARAM, false);
        double[] weightsWithGradients =
                applied(MtlMethods.create("ew", 1, 2), GradientLevel.PARAM, true);
        double[] paramDirection =
                applied(
                        StepFixture.method(
                                in ->
                                        new Step.Direction(
                                                combine(new double[] {1, 1}, in.gradients()),
                                                new double[] {1, 1})),
                        GradientLevel.PARAM,
                        false);
        double[] featureDirection =
                applied(
                        StepFixture.method(
                                in ->
                                        new Step.Direction(
                                                combine(new double[] {1, 1}, in.gradients()),
                                                new double[] {1, 1})),
                        GradientLevel.FEATURE,
                        false);
        assertClose(weightsWithGradients, weights);
        assertClose(paramDirection, weights);
        assertClose(featureDirection, weights);
    }

    @Test
    void shouldScaleEachHeadByItsOwnWeightWhenTheMethodWeightsTasks() {
        double[] equal = headGradient(new double[] {1, 1});
        double[] skewed = headGradient(new double[] {0.25, 3});
        int half = equal.length / 2;
        for (int i = 0; i < equal.length; i++) {
            double w = i < half ? 0.25 : 3;
            assertThat(skewed[i])
                    .isCloseTo(w * equal[i], Offset.offset(1e-6 + 1e-4 * Math.abs(w * equal[i])));
        }
    }

    @Test
    void shouldSplitTheBatchIntoHalvesThatSumToTheTaskGradientWhenLogging() {
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            StepRecord r =
                    f.run(f.step(MtlMethods.create("ew", 1, 2), GradientLevel.PARAM), true)
                            .record();
            for (int t = 0; t < 2; t++) {
                double[] sum = r.halfGradients()[t][0].clone();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += r.halfGradients()[t][1][i];
                }
                assertThat(sum).containsExactly(r.taskGradients()[t]);
                assertThat(r.halfGradients()[t][0]).isNotEqualTo(r.halfGradients()[t][1]);
            }
            assertThat(r.featureGradients()[0]).hasSize(BATCH * 50);
        }
    }

    /**
     * With a batch of at most eight samples every sample is drawn, and the per-sample gradients of a
     * task are the terms of its batch gradient: they sum to it. At the feature level each is the
     * sample's slice of ∂L/∂z.
     */
    @Test
    void shouldTakeOneGradientPerDrawnSampleThatSumToTheTaskGradientWhenLogging() {
        try (StepFixture f = new StepFixture(SEED, 6)) {
            StepRecord r =
                    f.run(f.step(MtlMethods.create("ew", 1, 2), GradientLevel.PARAM), true)
                            .record();
            for (int t = 0; t < 2; t++) {
                assertThat(r.sampleGradients()[t].length).isEqualTo(6);
                double[] sum = new double[r.taskGradients()[t].length];
                for (double[] sample : r.sampleGradients()[t]) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += sample[i];
                    }
                }
                for (int i = 0; i < sum.length; i++) {
                    assertThat(sum[i])
                            .isCloseTo(
                                    r.taskGradients()[t][i],
                                    within(1e-6 + 1e-4 * Math.abs(r.taskGradients()[t][i])));
                }
                for (int s = 0; s < 6; s++) {
                    double[] slice =
                            Arrays.copyOfRange(r.featureGradients()[t], s * 50, (s + 1) * 50);
                    assertThat(r.sampleFeatureGradients()[t][s]).containsExactly(slice);
                }
            }
            assertThat(r.sampleGradients()[0][0]).isNotEqualTo(r.sampleGradients()[0][1]);
        }
    }

    private static double[] headGradient(double[] w) {
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            return f.run(
                            f.step(
                                    StepFixture.method(in -> new Step.Weights(w)),
                                    GradientLevel.PARAM),
                            false)
                    .heads();
        }
    }

    private static double[] applied(MtlMethod method, GradientLevel level, boolean log) {
        try (StepFixture f = new StepFixture(SEED, BATCH)) {
            return f.run(f.step(method, level), log).gradient();
        }
    }

    private static double[] combine(double[] alpha, double[][] rows) {
        double[] d = new double[rows[0].length];
        for (int t = 0; t < rows.length; t++) {
            for (int i = 0; i < d.length; i++) {
                d[i] += alpha[t] * rows[t][i];
            }
        }
        return d;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(scale).isPositive();
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i])
                    .as("component %d", i)
                    .isCloseTo(expected[i], Offset.offset(1e-5 * scale));
        }
    }

    private static int largest(double[] g, int offset, int n) {
        int best = offset;
        for (int i = offset; i < offset + n; i++) {
            if (Math.abs(g[i]) > Math.abs(g[best])) {
                best = i;
            }
        }
        return best;
    }

    /** (L(θ + ε e_k) − L(θ − ε e_k)) / 2ε for coordinate k of parameter p. */
    private static double centralDifference(StepFixture f, Parameter p, int k, int task) {
        double eps = 5e-3;
        NDArray w = p.getArray();
        float[] values = w.toFloatArray();
        float original = values[k];
        double[] losses = new double[2];
        for (int s = 0; s < 2; s++) {
            values[k] = (float) (original + (s == 0 ? eps : -eps));
            set(w, values);
            losses[s] = f.loss(task);
        }
        values[k] = original;
        set(w, values);
        return (losses[0] - losses[1]) / (2 * eps);
    }

    private static void set(NDArray w, float[] values) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            w.set(values);
        } finally {
            JniUtils.setGradMode(grad);
        }
    }
}
