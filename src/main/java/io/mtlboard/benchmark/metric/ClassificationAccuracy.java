package io.mtlboard.benchmark.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streaming classification accuracy (METRICS.md §1): correct / total over the whole split, in
 * percent. Batches may arrive in any order and size; the result is the same.
 */
public final class ClassificationAccuracy implements TaskScorer {

    private final int classes;
    private long correct;
    private long total;

    /** @param classes number of classes (the width of a logits row) */
    public ClassificationAccuracy(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be positive");
        }
        this.classes = classes;
    }

    /** Adds a batch of predicted and true class indices. */
    public void add(int[] predicted, int[] targets) {
        if (predicted.length != targets.length) {
            throw new IllegalArgumentException("predicted and targets differ in length");
        }
        for (int i = 0; i < targets.length; i++) {
            checkClass(targets[i]);
            if (predicted[i] == targets[i]) {
                correct++;
            }
        }
        total += targets.length;
    }

    /** Adds a batch of logits ({@code batch × classes}, row-major); the prediction is the first arg-max. */
    public void addLogits(float[] logits, int[] targets) {
        if (logits.length != (long) targets.length * classes) {
            throw new IllegalArgumentException(
                    "logits must hold " + classes + " values per target");
        }
        int[] predicted = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            predicted[i] = ArgMax.of(logits, i * classes, 1, classes);
        }
        add(predicted, targets);
    }

    @Override
    public void add(float[] output, float[] target) {
        addLogits(output, Targets.classIndices(target));
    }

    /** Accuracy in percent. @throws IllegalStateException before the first sample */
    public double accuracy() {
        if (total == 0) {
            throw new IllegalStateException("no samples were scored");
        }
        return 100.0 * correct / total;
    }

    /** Number of scored samples. */
    public long count() {
        return total;
    }

    @Override
    public Map<String, Double> values() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accuracy", accuracy());
        return values;
    }

    private void checkClass(int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("class " + label + " outside [0, " + classes + ")");
        }
    }
}
