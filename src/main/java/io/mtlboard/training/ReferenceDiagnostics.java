package io.mtlboard.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.mtlboard.analysis.disentanglement.EntropyAccumulator;
import io.mtlboard.analysis.disentanglement.FeatureDisentanglement;
import io.mtlboard.benchmark.BenchmarkManifest;
import io.mtlboard.evaluation.EvaluationDiagnostics;
import io.mtlboard.evaluation.ModelEvaluator;
import io.mtlboard.evaluation.TaskLoss;
import io.mtlboard.training.net.MultiTaskNet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The diagnostics the reference trainer measures once on every trained reference model and
 * stores in its bundle, with the scoring core of the evaluation worker: the corrupted-split sweep
 * (METRICS.md §7, {@link ModelEvaluator#corruptedSplits}: every corruption at severities 1–5 on the
 * whole test split, no fine-tuning) and FD on the test split (METRICS.md §4): per batch of the
 * first {@value #FD_SAMPLES} test samples, |∂L_t/∂z| of every task's loss with respect to the
 * encoder's output z, flattened over the batch, into the same {@link EntropyAccumulator} the worker
 * uses for submitted models. FD needs one shared encoder, so single-task baselines have none. FD
 * depends on the relative scale of the task losses: scaling one task's loss scales its saliency
 * and moves every element's distribution over tasks (see the FD page).
 */
final class ReferenceDiagnostics {

    /** Test samples FD is measured on (the first ones of the split), as the worker does. */
    static final int FD_SAMPLES = 2000;

    private static final int BATCH = 100;

    private ReferenceDiagnostics() {}

    /** FD of the trained multi-task network on the first test samples; empty for single-task baselines. */
    static Optional<FeatureDisentanglement.Result> testFd(
            List<MultiTaskNet> nets,
            BenchmarkManifest manifest,
            TrainingSet test,
            NDManager manager) {
        if (nets.size() != 1 || manifest.tasks().size() < 2) {
            return Optional.empty();
        }
        MultiTaskNet net = nets.get(0);
        int tasks = manifest.tasks().size();
        List<Integer> all = IntStream.range(0, tasks).boxed().toList();
        EntropyAccumulator entropy = new EntropyAccumulator(tasks);
        ParameterStore store = new ParameterStore(manager, false);
        int samples = Math.min(FD_SAMPLES, test.size());
        boolean grad = JniUtils.isGradMode();
        try {
            for (int from = 0; from < samples; from += BATCH) {
                int[] indices = IntStream.range(from, Math.min(samples, from + BATCH)).toArray();
                try (NDManager scope = manager.newSubManager()) {
                    NDList batch = test.batch(scope, indices, all);
                    JniUtils.setGradMode(false);
                    NDArray z =
                            net.encoder()
                                    .forward(store, new NDList(batch.get(0)), false)
                                    .singletonOrThrow()
                                    .duplicate();
                    z.setRequiresGradient(true);
                    JniUtils.setGradMode(true);
                    List<double[]> saliency = new ArrayList<>(tasks);
                    for (int t = 0; t < tasks; t++) {
                        NDArray out =
                                net.heads()
                                        .get(t)
                                        .forward(store, new NDList(z), false)
                                        .singletonOrThrow();
                        NDArray loss = TaskLoss.of(manifest.tasks().get(t), out, batch.get(t + 1));
                        Gradients.backward(loss, loss.onesLike(), false);
                        NDArray g = Gradients.take(z, scope);
                        double[] s = Gradients.toDoubles(g);
                        for (int j = 0; j < s.length; j++) {
                            s[j] = Math.abs(s[j]);
                        }
                        saliency.add(s);
                    }
                    entropy.add(saliency);
                }
            }
        } finally {
            JniUtils.setGradMode(grad);
        }
        return entropy.result();
    }

    /** What the bundle stores: FD (normalized and raw entropy) and the corrupted-split values. */
    static Map<String, Object> toMap(
            Optional<FeatureDisentanglement.Result> fd,
            List<EvaluationDiagnostics.Corrupted> corrupted,
            List<String> notes,
            int testSamples,
            double seconds) {
        Map<String, Object> d = new LinkedHashMap<>();
        fd.ifPresent(
                r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("fd", Math.max(0, Math.min(1, r.fd())));
                    m.put("meanEntropy", Math.max(0, r.meanEntropy()));
                    m.put(
                            "normalization",
                            "FD = 1 − mean_j H_j / ln T; meanEntropy = mean_j H_j in nats");
                    m.put("elements", r.elements());
                    m.put("samples", Math.min(FD_SAMPLES, testSamples));
                    d.put("testFd", m);
                });
        List<Map<String, Object>> values = new ArrayList<>();
        for (EvaluationDiagnostics.Corrupted c : corrupted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("corruption", c.corruption());
            m.put("severity", c.severity());
            m.put("metric", c.metricKey());
            m.put("value", c.measured());
            values.add(m);
        }
        d.put("corrupted", values);
        d.put("notes", notes);
        d.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.1f", seconds)));
        return d;
    }
}
