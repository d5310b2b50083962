package io.mtlboard.evaluation;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import io.mtlboard.analysis.disentanglement.EntropyAccumulator;
import io.mtlboard.analysis.disentanglement.FeatureDisentanglement;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.benchmark.data.BenchmarkDataset;
import io.mtlboard.benchmark.data.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Feature disentanglement on the test split (METRICS.md §4, after Mao et al., arXiv 2402.03557)
 * for TorchScript artifacts that export {@code encode(x) -> z} and {@code decode(z) -> tuple of
 * task outputs}: per batch, z = encode(x) becomes a leaf that requires gradient, each task's
 * {@link TaskLoss} of decode(z) is differentiated with respect to z, and |∂L_t/∂z| over the whole
 * flattened batch goes to an {@link EntropyAccumulator}. It covers the first {@link #MAX_SAMPLES}
 * samples of the split.
 *
 * <p>Optional and never a verdict: a model without the two methods, with methods of other
 * signatures, whose decode(encode(x)) differs from forward(x) on the first batch, or whose
 * losses or gradients are not finite gets no FD and a note saying why.
 */
final class TestSplitFd {

    /** Test samples FD is measured on at most (the first ones of the split). */
    static final int MAX_SAMPLES = 2000;

    /** Largest accepted |decode(encode(x)) − forward(x)|, relative to max(1, |forward(x)|). */
    static final double TOLERANCE = 1e-4;

    /** The FD measured, or empty, and the note for the evaluation log. */
    record Outcome(FeatureDisentanglement.Result result, String note) {}

    /** Why FD is not measured; a message for the log. */
    private static final class Skip extends Exception {
        Skip(String why) {
            super(why, null, false, false);
        }
    }

    private TestSplitFd() {}

    /** Whether the block exports both {@code encode} and {@code decode}. */
    static boolean separates(Block block) {
        if (!(block instanceof PtSymbolBlock symbol)) {
            return false;
        }
        Set<String> methods = new HashSet<>(Arrays.asList(JniUtils.getMethodNames(symbol)));
        return methods.contains("encode") && methods.contains("decode");
    }

    /** Loads the artifact again with parameters that gradients can flow through. */
    @FunctionalInterface
    interface GradientModel {
        ZooModel<NDList, NDList> load() throws ModelFault;
    }

    /**
     * Measures FD, or says why not; never throws for anything the model does.
     *
     * @param scoring the block of the model as loaded for scoring, asked for its methods
     * @param gradientModel loads the model for this measurement, only when it exports both methods
     */
    static Outcome measure(
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Block scoring,
            GradientModel gradientModel) {
        if (manifest.tasks().size() < 2) {
            return skipped("it needs at least two tasks");
        }
        try {
            if (!separates(scoring)) {
                throw new Skip(
                        "the artifact does not export encode(x) and decode(z) (optional, see the "
                                + "submission contract)");
            }
            try (ZooModel<NDList, NDList> model = gradientModel.load();
                    Predictor<NDList, NDList> predictor = model.newPredictor()) {
                return measure(manifest, data, model.getBlock(), predictor, model.getNDManager());
            }
        } catch (Skip s) {
            return skipped(s.getMessage());
        } catch (ModelFault | RuntimeException e) {
            return skipped("encode/decode failed: " + ModelErrors.brief(e));
        }
    }

    /** Measures FD with a model loaded for gradients. */
    private static Outcome measure(
            BenchmarkManifest manifest,
            BenchmarkDataset data,
            Block block,
            Predictor<NDList, NDList> predictor,
            NDManager manager) {
        boolean gradMode = JniUtils.isGradMode();
        try {
            if (!separates(block)) {
                throw new Skip("the artifact does not export encode(x) and decode(z)");
            }
            // evaluation mode (no dropout, batch norm with running statistics), whatever mode it
            // was saved in
            JniUtils.enableInferenceMode((PtSymbolBlock) block);
            EntropyAccumulator entropy = new EntropyAccumulator(manifest.tasks().size());
            int samples = Math.min(MAX_SAMPLES, data.size());
            SplitBatches batches = new SplitBatches(manifest, data);
            for (int from = 0; from < samples; from += SplitScorer.BATCH) {
                List<Sample> batch =
                        batches.read(from, Math.min(SplitScorer.BATCH, samples - from));
                try (NDManager scope = manager.newSubManager()) {
                    entropy.add(
                            saliency(
                                    manifest,
                                    (PtSymbolBlock) block,
                                    predictor,
                                    batches.input(scope, batch),
                                    batch,
                                    from == 0));
                }
            }
            FeatureDisentanglement.Result r =
                    entropy.result()
                            .orElseThrow(
                                    () ->
                                            new Skip(
                                                    "every gradient of the task losses with respect to z was zero"));
            return new Outcome(
                    r,
                    String.format(
                            Locale.ROOT,
                            "FD on the test split: %.4f (mean task entropy %.4f "
                                    + "nats over %d elements of z) on the first %d of %d samples; decode(encode(x)) matched "
                                    + "forward(x)",
                            r.fd(),
                            r.meanEntropy(),
                            r.elements(),
                            samples,
                            data.size()));
        } catch (Skip s) {
            return skipped(s.getMessage());
        } catch (ModelFault | RuntimeException e) {
            return skipped("encode/decode failed: " + ModelErrors.brief(e));
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static Outcome skipped(String why) {
        return new Outcome(null, "FD not measured: " + why + "; the verdict is unaffected");
    }

    /** |∂L_t/∂z| of every task on one batch, z flattened over the batch. */
    private static List<double[]> saliency(
            BenchmarkManifest manifest,
            PtSymbolBlock block,
            Predictor<NDList, NDList> predictor,
            NDArray x,
            List<Sample> batch,
            boolean check)
            throws Skip, ModelFault {
        JniUtils.setGradMode(false);
        NDList encoded = call(block, "encode", x, false);
        if (encoded.size() != 1
                || encoded.head().getShape().dimension() == 0
                || encoded.head().getShape().get(0) != batch.size()) {
            throw new Skip(
                    "encode(x) must return one tensor with the batch as its first dimension");
        }
        NDArray z = encoded.head().duplicate();
        z.setRequiresGradient(true);
        JniUtils.setGradMode(true);
        NDList outputs = call(block, "decode", z, true);
        try {
            Contract.check(manifest, outputs, batch.size());
        } catch (ModelFault f) {
            throw new Skip("decode(z) does not meet the output contract: " + f.getMessage());
        }
        if (check) {
            requireSameAsForward(manifest, predictor, x, outputs);
        }
        int tasks = manifest.tasks().size();
        List<double[]> saliency = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            BenchmarkManifest.TaskSpec task = manifest.tasks().get(t);
            NDArray target =
                    TaskLoss.target(x.getManager(), task, SplitBatches.perSample(batch, t));
            NDArray loss = TaskLoss.of(task, outputs.get(t), target);
            if (!Float.isFinite(loss.getFloat())) {
                throw new Skip("the loss of task '" + task.name() + "' is not finite");
            }
            JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), t < tasks - 1, false);
            try (NDArray gradient = z.getGradient()) {
                saliency.add(absolute(gradient.toFloatArray(), task));
            }
            JniUtils.zeroGrad((PtNDArray) z);
        }
        return saliency;
    }

    private static void requireSameAsForward(
            BenchmarkManifest manifest,
            Predictor<NDList, NDList> predictor,
            NDArray x,
            NDList decoded)
            throws Skip, ModelFault {
        JniUtils.setGradMode(false);
        NDList forward = SplitScorer.run(predictor, x);
        forward.attach(x.getManager());
        for (int t = 0; t < forward.size(); t++) {
            float[] a = forward.get(t).toFloatArray();
            float[] b = decoded.get(t).toFloatArray();
            if (a.length != b.length) {
                throw new Skip("decode(encode(x)) and forward(x) differ in shape");
            }
            for (int i = 0; i < a.length; i++) {
                double allowed = TOLERANCE * Math.max(1, Math.abs(a[i]));
                if (!(Math.abs(a[i] - b[i]) <= allowed)) {
                    throw new Skip(
                            String.format(
                                    Locale.ROOT,
                                    "decode(encode(x)) differs from forward(x) on the "
                                            + "first batch (task '%s': %g against %g, tolerance %g relative to max(1, |forward|))",
                                    manifest.tasks().get(t).name(),
                                    b[i],
                                    a[i],
                                    TOLERANCE));
                }
            }
        }
        JniUtils.setGradMode(true);
    }

    private static double[] absolute(float[] gradient, BenchmarkManifest.TaskSpec task)
            throws Skip {
        double[] out = new double[gradient.length];
        for (int i = 0; i < gradient.length; i++) {
            if (!Float.isFinite(gradient[i])) {
                throw new Skip(
                        "the gradient of task '"
                                + task.name()
                                + "' with respect to z is not finite");
            }
            out[i] = Math.abs(gradient[i]);
        }
        return out;
    }

    /** Runs a method of the TorchScript module on one tensor; {@code train} records autograd. */
    private static NDList call(PtSymbolBlock block, String method, NDArray input, boolean train) {
        NDArray name = input.getManager().create(0f);
        name.setName("module_method:" + method);
        return IValueUtils.forward(block, new NDList(input, name), train);
    }
}
