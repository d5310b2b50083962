package io.mtlboard.training;

import io.mtlboard.analysis.disentanglement.EntropyAccumulator;
import io.mtlboard.analysis.disentanglement.FeatureDisentanglement;
import io.mtlboard.analysis.gradients.GradientIndicators;
import io.mtlboard.analysis.gradients.GradientSummary;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accumulates one epoch of training for the run's training log: mean task losses and weights
 * over all steps; over the logged steps the gradient indicators of METRICS.md §3 — inter-task at
 * the parameter level (shared parameters) and at the feature level (shared representation),
 * inter-sample at the parameter level (each task's gradients on the two halves of the batch,
 * averaged over tasks) — and FD (METRICS.md §4) of the feature-level gradients. These are the
 * batch-level indicators ({@code interTask}, {@code interSample}). Beside them the per-sample
 * indicators of Elich et al. (arXiv 2311.04698, App. A3.2; {@link SampleGradients}) at both levels:
 * {@code interTaskPerSample} compares the tasks' gradients on one sample, once per drawn sample;
 * {@code interSamplePerSample} compares one task's gradients over all pairs of drawn samples, once
 * per task. A step whose gradients include a zero vector, where the indicators are undefined, is
 * left out of them.
 */
final class EpochLog {

    private final List<String> tasks;
    private final double[] lossSum;
    private final double[] weightSum;
    private final IndicatorMean paramTask;
    private final IndicatorMean paramSample = new IndicatorMean(null);
    private final IndicatorMean featureTask;
    private final IndicatorMean paramTaskPerSample;
    private final IndicatorMean paramSamplePerSample = new IndicatorMean(null);
    private final IndicatorMean featureTaskPerSample;
    private final IndicatorMean featureSamplePerSample = new IndicatorMean(null);
    private final EntropyAccumulator entropy;
    private final int[] steps;

    /** @param tasks the names of the benchmark's tasks, in order */
    EpochLog(List<String> tasks) {
        this.tasks = List.copyOf(tasks);
        this.lossSum = new double[tasks.size()];
        this.weightSum = new double[tasks.size()];
        this.paramTask = new IndicatorMean(this.tasks);
        this.featureTask = new IndicatorMean(this.tasks);
        this.paramTaskPerSample = new IndicatorMean(this.tasks);
        this.featureTaskPerSample = new IndicatorMean(this.tasks);
        this.entropy = tasks.size() > 1 ? new EntropyAccumulator(tasks.size()) : null;
        this.steps = new int[tasks.size()];
    }

    /**
     * Adds one step of a network whose heads are the tasks {@code offset, offset + 1, …}: all tasks
     * for a multi-task network, one for each network of a single-task baseline. Inter-task
     * indicators and FD come from networks with every task; inter-sample ones from all networks.
     */
    void add(StepRecord r, int offset) {
        for (int i = 0; i < r.losses().length; i++) {
            lossSum[offset + i] += r.losses()[i];
            weightSum[offset + i] += r.weights()[i];
            steps[offset + i]++;
        }
        if (!r.logged()) {
            return;
        }
        for (double[][] halves : r.halfGradients()) {
            summary(halves).ifPresent(paramSample::add);
        }
        boolean allTasks = r.losses().length == tasks.size() && tasks.size() > 1;
        if (allTasks) {
            summary(r.taskGradients()).ifPresent(paramTask::add);
            summary(r.featureGradients()).ifPresent(featureTask::add);
            entropy.add(Arrays.asList(r.featureGradients()));
        }
        addPerSample(r.sampleGradients(), allTasks, paramTaskPerSample, paramSamplePerSample);
        addPerSample(
                r.sampleFeatureGradients(), allTasks, featureTaskPerSample, featureSamplePerSample);
    }

    /** [task][sample] gradients: tasks compared per sample, samples compared per task. */
    private static void addPerSample(
            double[][][] gradients,
            boolean allTasks,
            IndicatorMean interTask,
            IndicatorMean interSample) {
        if (gradients == null) {
            return;
        }
        for (double[][] samples : gradients) {
            if (samples.length > 1) {
                summary(samples).ifPresent(interSample::add);
            }
        }
        if (!allTasks) {
            return;
        }
        for (int s = 0; s < gradients[0].length; s++) {
            double[][] perTask = new double[gradients.length][];
            for (int t = 0; t < gradients.length; t++) {
                perTask[t] = gradients[t][s];
            }
            summary(perTask).ifPresent(interTask::add);
        }
    }

    /** The epoch-mean loss per task. */
    double[] meanLosses() {
        return means(lossSum);
    }

    private double[] means(double[] sums) {
        double[] m = new double[sums.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = sums[i] / Math.max(1, steps[i]);
        }
        return m;
    }

    /** The training-log entry of this epoch, keyed as the run manifest schema's {@code epoch}. */
    Map<String, Object> entry(int epoch, double seconds, Map<String, Double> validation) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("epoch", epoch);
        e.put("seconds", seconds);
        e.put("losses", byTask(meanLosses()));
        e.put("validation", validation);
        e.put("weights", byTask(means(weightSum)));
        Map<String, Object> indicators = new LinkedHashMap<>();
        level(paramTask, paramSample, paramTaskPerSample, paramSamplePerSample)
                .ifPresent(l -> indicators.put("param", l));
        level(featureTask, new IndicatorMean(null), featureTaskPerSample, featureSamplePerSample)
                .ifPresent(l -> indicators.put("feature", l));
        if (!indicators.isEmpty()) {
            e.put("indicators", indicators);
        }
        if (entropy != null) {
            entropy.result()
                    .ifPresent(
                            fd ->
                                    e.put(
                                            "fd",
                                            Map.of(
                                                    "value",
                                                    Math.max(0, Math.min(1, fd.fd())),
                                                    "meanEntropy",
                                                    Math.max(0, fd.meanEntropy()))));
        }
        return e;
    }

    private static Optional<Map<String, Object>> level(
            IndicatorMean interTask,
            IndicatorMean interSample,
            IndicatorMean interTaskPerSample,
            IndicatorMean interSamplePerSample) {
        Map<String, Object> l = new LinkedHashMap<>();
        put(l, "interTask", interTask);
        put(l, "interSample", interSample);
        put(l, "interTaskPerSample", interTaskPerSample);
        put(l, "interSamplePerSample", interSamplePerSample);
        return l.isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static void put(Map<String, Object> level, String key, IndicatorMean mean) {
        if (!mean.isEmpty()) {
            level.put(key, mean.toMap());
        }
    }

    private Map<String, Double> byTask(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(tasks.get(i), values[i]);
        }
        return m;
    }

    private static Optional<GradientSummary> summary(double[][] gradients) {
        try {
            return Optional.of(GradientIndicators.summarize(Arrays.asList(gradients)));
        } catch (IllegalArgumentException zeroGradient) {
            return Optional.empty();
        }
    }

    /** FD of everything logged this epoch, for tests. */
    Optional<FeatureDisentanglement.Result> fd() {
        return entropy == null ? Optional.empty() : entropy.result();
    }
}
