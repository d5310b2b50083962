package io.mtlboard.analysis;

import java.util.Map;

/**
 * One entry of a run's training log (the {@code trainingLog} items of the run-manifest schema),
 * flattened for analysis: gradient indicators under keys such as {@code param.interTask.cosine},
 * feature disentanglement under {@code fd.value} and {@code fd.meanEntropy}, the training loss summed
 * over tasks under {@code loss.total} and its geometric mean over tasks under {@code
 * loss.geometricMean}.
 *
 * @param epoch the epoch number (1-based)
 * @param seconds wall time of the epoch, null when not logged
 * @param values indicator key → logged value
 */
record LogEpoch(int epoch, Double seconds, Map<String, Double> values) {

    LogEpoch {
        values = Map.copyOf(values);
    }
}
