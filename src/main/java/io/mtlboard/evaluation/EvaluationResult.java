package io.mtlboard.evaluation;

import java.util.List;
import java.util.Map;

/**
 * What an evaluation found. {@code verdict} is VERIFIED or DISCREPANT when the model ran and its
 * outputs met the contract (or MEASURED when nothing was claimed), REJECTED with a reason when
 * the model broke the contract. The verdict depends on the clean test split only; the diagnostics
 * measured afterwards never change it.
 *
 * @param measured metric values over the whole test split, keyed {@code task.metric}
 * @param agrees per claimed metric, whether the claim agrees with the measurement
 * @param latencyMs median latency of one sample at batch size 1
 * @param throughput samples per second at the benchmark batch size
 * @param samples clean test samples scored
 * @param seconds wall time of the whole evaluation, from reading the benchmark to the last
 *     diagnostic
 * @param scoringSeconds wall time of scoring the clean test split: every batch through the model,
 *     the output contract and the metrics, the model being loaded; null when it was not scored
 * @param diagnostics FD on the test split and corrupted-split metrics measured after the verdict;
 *     null when none were measured (a rejected model, a reference evaluation)
 * @param notes what the log should say about the diagnostics: what was measured, skipped and why
 */
public record EvaluationResult(
        String verdict,
        String reason,
        String device,
        String engine,
        Map<String, Double> measured,
        Map<String, Boolean> agrees,
        Long parameterCount,
        Double latencyMs,
        Double throughput,
        long samples,
        double seconds,
        Double scoringSeconds,
        EvaluationDiagnostics diagnostics,
        List<String> notes) {

    public EvaluationResult {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** This result with the total wall time replaced. */
    public EvaluationResult withSeconds(double total) {
        return new EvaluationResult(
                verdict,
                reason,
                device,
                engine,
                measured,
                agrees,
                parameterCount,
                latencyMs,
                throughput,
                samples,
                total,
                scoringSeconds,
                diagnostics,
                notes);
    }

    /** This result with diagnostics and their notes. */
    public EvaluationResult withDiagnostics(EvaluationDiagnostics d, List<String> diagnosticNotes) {
        return new EvaluationResult(
                verdict,
                reason,
                device,
                engine,
                measured,
                agrees,
                parameterCount,
                latencyMs,
                throughput,
                samples,
                seconds,
                scoringSeconds,
                d,
                diagnosticNotes);
    }

    /** A model that broke the contract. */
    public static EvaluationResult rejected(
            String reason, String device, String engine, long samples, double seconds) {
        return new EvaluationResult(
                "REJECTED",
                reason,
                device,
                engine,
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                samples,
                seconds,
                null,
                null,
                List.of());
    }
}
