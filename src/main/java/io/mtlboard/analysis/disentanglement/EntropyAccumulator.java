package io.mtlboard.analysis.disentanglement;

import java.util.List;
import java.util.Optional;

/**
 * Accumulates the per-element task entropies of FD (METRICS.md §4) over many batches, so that
 * FD over a whole split is the mean over every counted element of every batch, not a mean of
 * per-batch FDs (batches with more non-zero elements weigh more). Not thread-safe.
 */
public final class EntropyAccumulator {

    private final int tasks;
    private double entropySum;
    private long elements;

    /** An empty accumulator for saliencies of {@code tasks} tasks (at least two). */
    public EntropyAccumulator(int tasks) {
        FeatureDisentanglement.requireTasks(tasks);
        this.tasks = tasks;
    }

    /** Adds one batch: one saliency array per task, all of the same length. */
    public void add(List<double[]> saliency) {
        double[][] s = checked(saliency);
        for (int j = 0; j < s[0].length; j++) {
            double total = 0;
            for (double[] task : s) {
                total += Math.abs(task[j]);
            }
            if (total > 0) {
                entropySum += entropy(s, j, total);
                elements++;
            }
        }
    }

    /** FD over everything added; empty while no element had a non-zero total. */
    public Optional<FeatureDisentanglement.Result> result() {
        if (elements == 0) {
            return Optional.empty();
        }
        double mean = entropySum / elements;
        return Optional.of(
                new FeatureDisentanglement.Result(
                        tasks, FeatureDisentanglement.normalize(mean, tasks), mean, elements));
    }

    private static double entropy(double[][] s, int j, double total) {
        double h = 0;
        for (double[] task : s) {
            double p = Math.abs(task[j]) / total;
            // 0 · ln 0 = 0: a task that does not use the element adds nothing
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private double[][] checked(List<double[]> saliency) {
        if (saliency.size() != tasks) {
            throw new IllegalArgumentException(
                    "expected " + tasks + " saliency arrays, got " + saliency.size());
        }
        int length = saliency.get(0).length;
        for (double[] task : saliency) {
            if (task.length != length) {
                throw new IllegalArgumentException(
                        "saliency arrays differ in length: " + length + " and " + task.length);
            }
            for (double x : task) {
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("saliency must be finite");
                }
            }
        }
        return saliency.toArray(double[][]::new);
    }
}
