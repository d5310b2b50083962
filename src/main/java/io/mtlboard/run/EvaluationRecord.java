package io.mtlboard.run;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The outcome of one evaluation attempt as the worker reports it.
 *
 * @param verdict VERIFIED, DISCREPANT or REJECTED; FAILED when the evaluation could not complete
 * @param measured measured value per metric key
 * @param agrees per metric key, whether the claim agrees with the measurement (METRICS.md §8)
 */
public record EvaluationRecord(
        String evaluatorVersion,
        String workerId,
        String device,
        String verdict,
        String reason,
        Long parameterCount,
        Double latencyMs,
        Double throughput,
        String log,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        Map<String, Double> measured,
        Map<String, Boolean> agrees) {

    /**
     * The worker id of a reference run's evaluation: the reference trainer evaluated its own model,
     * and the log is its account of the training (time, reuse, the code that trained it).
     */
    public static final String REFERENCE_TRAINER = "reference-trainer";
}
