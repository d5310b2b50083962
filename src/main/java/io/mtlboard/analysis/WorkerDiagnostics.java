package io.mtlboard.analysis;

import io.mtlboard.analysis.robustness.Condition;
import java.util.Map;

/**
 * What the evaluation worker measured on one run in its latest completed evaluation: the clean
 * test metrics, FD on the test split (METRICS.md §4) and metrics on corrupted test splits (§7).
 *
 * @param clean metric key → measured value on the clean test split
 * @param testFd FD on the test split, null when not measured
 * @param corrupted condition → metric key → measured value; empty when not measured
 */
record WorkerDiagnostics(
        long runId,
        Map<String, Double> clean,
        Double testFd,
        Double testFdMeanEntropy,
        Map<Condition, Map<String, Double>> corrupted) {

    WorkerDiagnostics {
        clean = Map.copyOf(clean);
        corrupted = Map.copyOf(corrupted);
    }
}
