package io.mtlboard.evaluation;

import java.util.List;
import java.util.Map;

/**
 * What an evaluation process is asked to do: run the model on the benchmark's test split and
 * compare with the claims, then measure the diagnostics. Serialized as JSON for the child process.
 *
 * @param model path of the TorchScript file
 * @param benchmarksDir the directory holding the benchmark manifests and data
 * @param benchmark the benchmark id
 * @param device auto, cpu or gpu
 * @param claims claimed value per metric key; empty for a plain local evaluation
 * @param tolerances verification tolerance per metric key
 * @param dataDir the runtime data directory (caches of generated splits)
 * @param fashionMnistDir the original Fashion-MNIST files (for generated splits)
 * @param externalDir data of external benchmarks
 * @param robustness whether to score the corrupted copies of the test split (METRICS.md §7)
 * @param corruptions ids of the corruptions to score; null or empty for all of METRICS.md §7
 * @param threads libtorch's intra-op threads for the model; null for libtorch's default (one per
 *     core); the corrupted passes use at most this many, and one core fewer than there are
 * @param efficiency whether to measure latency at batch size 1 and throughput after scoring (the
 *     parameter count is reported either way); null (a request that does not say) measures them
 */
public record EvaluationRequest(
        String model,
        String benchmarksDir,
        String benchmark,
        String device,
        Map<String, Double> claims,
        Map<String, ClaimCheck.Tolerance> tolerances,
        String dataDir,
        String fashionMnistDir,
        String externalDir,
        boolean robustness,
        List<String> corruptions,
        Integer threads,
        Boolean efficiency) {

    public EvaluationRequest {
        efficiency = efficiency == null || efficiency;
    }

    /** A request with libtorch's default threads and the efficiency measured, as the worker asks. */
    public EvaluationRequest(
            String model,
            String benchmarksDir,
            String benchmark,
            String device,
            Map<String, Double> claims,
            Map<String, ClaimCheck.Tolerance> tolerances,
            String dataDir,
            String fashionMnistDir,
            String externalDir,
            boolean robustness,
            List<String> corruptions) {
        this(
                model,
                benchmarksDir,
                benchmark,
                device,
                claims,
                tolerances,
                dataDir,
                fashionMnistDir,
                externalDir,
                robustness,
                corruptions,
                null,
                true);
    }
}
