package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.evaluation.TaskLoss;
import io.mtlboard.training.method.MethodState;
import io.mtlboard.training.method.MtlMethod;
import io.mtlboard.training.method.Step;
import io.mtlboard.training.method.StepInput;
import io.mtlboard.training.net.MultiTaskNet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * One training step of a hard-sharing network with an MTL method, as the {@link MtlMethod}
 * contract asks. The encoder's output z is cut from the heads by a leaf copy, so each task's loss
 * is backpropagated through its own head only, giving ∂L_i/∂z (feature level) and the head's own
 * gradient. Parameter-level gradients are ∂L_i/∂θ = z.backward(∂L_i/∂z), one encoder pass per
 * task. The method's weights or direction then make the shared gradient; head i gets w_i ∂L_i/∂φ_i.
 * On logging steps every task's parameter gradient is taken per half batch as well (the
 * batch-level inter-sample indicators of METRICS.md §3; the halves sum to the task gradient), and
 * per sample for up to eight samples drawn from the batch (the per-sample indicators of Elich et
 * al., {@link SampleGradients}), drawn by a generator of fixed seed so that a run is reproducible.
 * At the feature level the method sees either the whole flattened ∂L_i/∂z or its sum over the
 * batch ({@link FeatureGradients}).
 */
final class TrainingStep {

    private final BenchmarkManifest manifest;
    private final MultiTaskNet net;
    private final MtlMethod method;
    private final GradientLevel level;
    private final ModelOptimizer optimizer;
    private final ParameterStore store;
    private final List<Parameter> shared;
    private Random sampleChoice = new Random(SAMPLE_SEED);

    /** Seed of the choice of samples whose per-sample gradients are logged. */
    static final long SAMPLE_SEED = 20231108L;

    private final FeatureGradients variant;
    private final double[] lossScales;
    private final boolean frozenEncoder;
    private double[] headUpdates;
    private int updates;

    /** @param method the MTL method; null for a single-task network, whose one loss has weight 1 */
    TrainingStep(
            BenchmarkManifest manifest,
            MultiTaskNet net,
            MtlMethod method,
            GradientLevel level,
            ModelOptimizer optimizer,
            ParameterStore store) {
        this(manifest, net, method, level, optimizer, store, FeatureGradients.FLAT);
    }

    /** As above, with the feature-level variant {@code variant}. */
    TrainingStep(
            BenchmarkManifest manifest,
            MultiTaskNet net,
            MtlMethod method,
            GradientLevel level,
            ModelOptimizer optimizer,
            ParameterStore store,
            FeatureGradients variant) {
        this(manifest, net, method, level, optimizer, store, variant, null, false);
    }

    /**
     * As above; {@code lossScales} (per head, null for none) multiply the task losses before
     * anything else sees them (the loss-scale study of Elich et al. §4.1), and a frozen encoder is
     * never updated (only the heads learn).
     */
    TrainingStep(
            BenchmarkManifest manifest,
            MultiTaskNet net,
            MtlMethod method,
            GradientLevel level,
            ModelOptimizer optimizer,
            ParameterStore store,
            FeatureGradients variant,
            double[] lossScales,
            boolean frozenEncoder) {
        this.lossScales = lossScales;
        this.frozenEncoder = frozenEncoder;
        this.variant = variant;
        this.manifest = manifest;
        this.net = net;
        this.method = method;
        this.level = level;
        this.optimizer = optimizer;
        this.store = store;
        this.shared = net.sharedParameters();
    }

    /**
     * The step's state between epochs for a checkpoint: the optimizer's (arrays under {@code
     * prefix}), the method's ({@link MethodState}) and the generator that picks the logged samples.
     */
    ObjectNode save(String prefix, Map<String, NDArray> arrays) {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.set("optimizer", optimizer.save(prefix + "optimizer/", arrays, parameterNames()));
        if (method != null) {
            state.set("method", MethodState.capture(method));
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sampleChoice);
            out.flush();
            state.put("sampleChoice", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /**
     * Each parameter's optimizer key (its id, new with every build of a network) → a name that
     * is the same for every build: its position among the shared, then each head's, parameters.
     */
    private Map<String, String> parameterNames() {
        Map<String, String> names = new java.util.HashMap<>();
        int i = 0;
        for (Parameter p : shared) {
            names.put(p.getId(), "shared/" + i++);
        }
        for (int h = 0; h < net.heads().size(); h++) {
            int j = 0;
            for (Parameter p : net.headParameters(h)) {
                names.put(p.getId(), "head" + h + "/" + j++);
            }
        }
        return names;
    }

    /** Puts back the state {@link #save} took. */
    void restore(JsonNode state, String prefix, Map<String, NDArray> arrays, NDManager manager) {
        Map<String, String> keys = new java.util.HashMap<>();
        parameterNames().forEach((key, name) -> keys.put(name, key));
        optimizer.restore(state.get("optimizer"), prefix + "optimizer/", arrays, keys, manager);
        if (method != null) {
            MethodState.restore(method, state.get("method"));
        }
        byte[] bytes = Base64.getDecoder().decode(state.get("sampleChoice").asText());
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            sampleChoice = (Random) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("unreadable sample generator in checkpoint", e);
        }
    }

    /** Sets the learning rate of the next steps to {@code factor} of the run's rate ({@link LrSchedule}). */
    void schedule(double factor) {
        optimizer.schedule(factor);
    }

    /**
     * Trains on one batch ({@code batch}: the input, then one target per head).
     *
     * @param log whether to keep the per-task gradients for the epoch log
     */
    StepRecord run(NDManager m, NDList batch, boolean log) {
        NDArray z = net.encoder().forward(store, new NDList(batch.get(0)), true).singletonOrThrow();
        NDArray leaf = z.stopGradient();
        leaf.setRequiresGradient(true);
        int tasks = net.heads().size();
        double[] losses = new double[tasks];
        NDArray[] featureGradients = new NDArray[tasks];
        for (int h = 0; h < tasks; h++) {
            NDArray loss = headLoss(h, leaf, batch.get(h + 1));
            losses[h] = loss.getFloat();
            Gradients.backward(loss, loss.onesLike(), false);
            featureGradients[h] = Gradients.take(leaf, m);
        }
        boolean parameterRows = log || needs(GradientLevel.PARAM);
        double[][][] halves = log ? halfGradients(z, featureGradients) : null;
        double[][] rows =
                halves != null
                        ? sums(halves)
                        : parameterRows ? taskGradients(z, featureGradients) : null;
        boolean batchSum = needs(GradientLevel.FEATURE) && variant == FeatureGradients.BATCH_SUM;
        double[][] features =
                log || (needs(GradientLevel.FEATURE) && !batchSum)
                        ? featureRows(featureGradients)
                        : null;
        double[][] summed = batchSum ? batchSums(featureGradients) : null;
        int[] samples = log ? SampleGradients.pick((int) z.getShape().get(0), sampleChoice) : null;
        double[][][] perSample =
                log ? SampleGradients.parameters(z, featureGradients, samples, shared) : null;
        double[][][] perSampleFeatures =
                log ? SampleGradients.features(featureGradients, samples) : null;
        Step step =
                combine(losses, level == GradientLevel.PARAM ? rows : batchSum ? summed : features);
        if (batchSum && step instanceof Step.Direction d) {
            step = new Step.Weights(coefficients(d.direction(), summed, method.id()));
            update(m, sharedGradient(m, step, z, featureGradients, null), d.weights());
        } else {
            update(m, sharedGradient(m, step, z, featureGradients, rows), step.weights());
        }
        if (method != null && method.needsLossesAfterStep()) {
            method.afterStep(lossesAfterUpdate(batch));
        }
        return new StepRecord(
                losses,
                step.weights(),
                log ? rows : null,
                halves,
                log ? features : null,
                perSample,
                perSampleFeatures);
    }

    private NDArray headLoss(int h, NDArray z, NDArray target) {
        NDArray out = net.heads().get(h).forward(store, new NDList(z), true).singletonOrThrow();
        NDArray loss = TaskLoss.of(manifest.tasks().get(net.tasks().get(h)), out, target);
        return lossScales == null ? loss : loss.mul((float) lossScales[net.tasks().get(h)]);
    }

    private boolean needs(GradientLevel l) {
        return method != null && method.needsGradients() && level == l;
    }

    private Step combine(double[] losses, double[][] gradients) {
        if (method == null) {
            return new Step.Weights(new double[] {1});
        }
        return method.combine(
                method.needsGradients()
                        ? new StepInput(losses, gradients)
                        : StepInput.ofLosses(losses));
    }

    private double[][] taskGradients(NDArray z, NDArray[] featureGradients) {
        double[][] rows = new double[featureGradients.length][];
        for (int h = 0; h < rows.length; h++) {
            Gradients.backward(z, featureGradients[h], true);
            rows[h] = Gradients.takeFlat(shared);
        }
        return rows;
    }

    private double[][][] halfGradients(NDArray z, NDArray[] featureGradients) {
        long n = z.getShape().get(0);
        long[] maskShape = new long[z.getShape().dimension()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = n;
        float[] first = new float[(int) n];
        Arrays.fill(first, 0, (int) (n / 2), 1f);
        double[][][] halves = new double[featureGradients.length][2][];
        try (NDArray maskA = z.getManager().create(first, new Shape(maskShape));
                NDArray maskB = maskA.neg().add(1)) {
            for (int h = 0; h < halves.length; h++) {
                for (int s = 0; s < 2; s++) {
                    try (NDArray upstream = featureGradients[h].mul(s == 0 ? maskA : maskB)) {
                        Gradients.backward(z, upstream, true);
                    }
                    halves[h][s] = Gradients.takeFlat(shared);
                }
            }
        }
        return halves;
    }

    private static double[][] sums(double[][][] halves) {
        double[][] rows = new double[halves.length][];
        for (int h = 0; h < halves.length; h++) {
            rows[h] = halves[h][0].clone();
            for (int i = 0; i < rows[h].length; i++) {
                rows[h][i] += halves[h][1][i];
            }
        }
        return rows;
    }

    /** ∂L_i/∂z summed over the batch, one row of features per task. */
    private static double[][] batchSums(NDArray[] featureGradients) {
        double[][] rows = new double[featureGradients.length][];
        for (int h = 0; h < rows.length; h++) {
            try (NDArray sum = featureGradients[h].sum(new int[] {0})) {
                rows[h] = Gradients.toDoubles(sum);
            }
        }
        return rows;
    }

    /**
     * Coefficients c with d = Σ c_i g_i (least squares on the Gram matrix); rejects a direction
     * that is not in the span of the rows, for which the batch-sum variant is undefined.
     */
    static double[] coefficients(double[] d, double[][] g, String method) {
        int t = g.length;
        double[][] gram = new double[t][t];
        double[] right = new double[t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                gram[i][j] = dot(g[i], g[j]);
            }
            right[i] = dot(g[i], d);
        }
        double[] c =
                new SingularValueDecomposition(MatrixUtils.createRealMatrix(gram))
                        .getSolver()
                        .solve(new ArrayRealVector(right))
                        .toArray();
        double residual = 0;
        for (int k = 0; k < d.length; k++) {
            double r = d[k];
            for (int i = 0; i < t; i++) {
                r -= c[i] * g[i][k];
            }
            residual += r * r;
        }
        double norm = dot(d, d);
        if (residual > 1e-8 * Math.max(norm, Double.MIN_NORMAL)) {
            throw new IllegalStateException(
                    method
                            + " returns a direction outside the span of the batch-summed "
                            + "feature gradients (relative residual "
                            + Math.sqrt(residual / norm)
                            + "): the batch-sum variant "
                            + "is not defined for it; use flat feature gradients");
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[][] featureRows(NDArray[] featureGradients) {
        double[][] rows = new double[featureGradients.length][];
        for (int h = 0; h < rows.length; h++) {
            rows[h] = Gradients.toDoubles(featureGradients[h]);
        }
        return rows;
    }

    /** The gradient of the shared parameters that the method's step asks for, one array per parameter. */
    private NDList sharedGradient(
            NDManager m, Step step, NDArray z, NDArray[] featureGradients, double[][] rows) {
        if (step instanceof Step.Direction d && level == GradientLevel.PARAM) {
            return Gradients.unflatten(d.direction(), shared, m);
        }
        if (step instanceof Step.Direction d) {
            double[] direction = d.direction();
            float[] values = new float[direction.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) direction[i];
            }
            Gradients.backward(z, m.create(values, z.getShape()), true);
            return Gradients.take(shared, m);
        }
        double[] w = step.weights();
        if (rows != null) {
            return Gradients.unflatten(weighted(w, rows), shared, m);
        }
        NDArray upstream = featureGradients[0].mul((float) w[0]);
        for (int h = 1; h < w.length; h++) {
            upstream.addi(featureGradients[h].mul((float) w[h]));
        }
        Gradients.backward(z, upstream, true);
        return Gradients.take(shared, m);
    }

    private static double[] weighted(double[] w, double[][] rows) {
        double[] sum = new double[rows[0].length];
        for (int h = 0; h < rows.length; h++) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += w[h] * rows[h][i];
            }
        }
        return sum;
    }

    private void update(NDManager m, NDList sharedGradient, double[] weights) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            if (!frozenEncoder) {
                for (int i = 0; i < shared.size(); i++) {
                    Parameter p = shared.get(i);
                    optimizer.update(p.getId(), p.getArray(), sharedGradient.get(i));
                }
            }
            if (headUpdates == null) {
                headUpdates = new double[weights.length];
            }
            for (int h = 0; h < weights.length; h++) {
                double squares = 0;
                for (Parameter p : net.headParameters(h)) {
                    NDArray gradient = Gradients.take(p.getArray(), m);
                    squares +=
                            optimizer.update(
                                    p.getId(), p.getArray(), gradient.muli((float) weights[h]));
                }
                headUpdates[h] += Math.sqrt(squares);
            }
            updates++;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /**
     * The mean norm of each head's parameter update per step since the last call (‖Δφ_h‖, the
     * optimizer's actual step), then resets; empty before any step.
     */
    double[] takeHeadUpdates() {
        if (headUpdates == null || updates == 0) {
            return new double[0];
        }
        double[] mean = new double[headUpdates.length];
        for (int h = 0; h < mean.length; h++) {
            mean[h] = headUpdates[h] / updates;
        }
        headUpdates = null;
        updates = 0;
        return mean;
    }

    private double[] lossesAfterUpdate(NDList batch) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            NDArray z =
                    net.encoder().forward(store, new NDList(batch.get(0)), true).singletonOrThrow();
            double[] losses = new double[net.heads().size()];
            for (int h = 0; h < losses.length; h++) {
                losses[h] = headLoss(h, z, batch.get(h + 1)).getFloat();
            }
            return losses;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }
}
