package io.mtlboard.evaluation;

import java.util.List;

/**
 * What the worker measured on a run besides its metrics, recorded with
 * {@link RunService#recordDiagnostics}: feature disentanglement on the test split (METRICS.md §4)
 * and metrics on corrupted copies of it (§7).
 *
 * @param testFd FD in [0, 1], or null when not measured
 * @param testFdMeanEntropy the mean task entropy behind it in nats, or null
 * @param corrupted the corrupted-split measurements, possibly empty
 */
public record EvaluationDiagnostics(
        Double testFd, Double testFdMeanEntropy, List<Corrupted> corrupted) {

    /** One metric under one corruption at one severity (1 to 5), keyed {@code task.metric}. */
    public record Corrupted(String corruption, int severity, String metricKey, double measured) {}

    public EvaluationDiagnostics {
        corrupted = List.copyOf(corrupted);
    }
}
