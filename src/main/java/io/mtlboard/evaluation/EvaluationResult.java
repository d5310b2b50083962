package io.mtlboard.evaluation;

import java.util.Map;

/**
 * What an evaluation found. {@code verdict} is VERIFIED or DISCREPANT when the model ran and its
 * outputs met the contract (or MEASURED when nothing was claimed), REJECTED with a reason when
 * the model broke the contract.
 *
 * @param measured metric values over the whole test split, keyed {@code task.metric}
 * @param agrees per claimed metric, whether the claim agrees with the measurement
 * @param latencyMs median latency of one sample at batch size 1
 * @param throughput samples per second at the benchmark batch size
 */
public record EvaluationResult(String verdict, String reason, String device, String engine,
        Map<String, Double> measured, Map<String, Boolean> agrees, Long parameterCount, Double latencyMs,
        Double throughput, long samples, double seconds) {

    /** This result with the total wall time replaced. */
    public EvaluationResult withSeconds(double total) {
        return new EvaluationResult(verdict, reason, device, engine, measured, agrees, parameterCount, latencyMs,
                throughput, samples, total);
    }

    /** A model that broke the contract. */
    public static EvaluationResult rejected(String reason, String device, String engine, long samples, double seconds) {
        return new EvaluationResult("REJECTED", reason, device, engine, Map.of(), Map.of(), null, null, null, samples,
                seconds);
    }
}
