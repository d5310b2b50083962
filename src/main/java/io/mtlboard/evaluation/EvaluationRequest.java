package io.mtlboard.evaluation;

import java.util.Map;

/**
 * What an evaluation process is asked to do: run the model on the benchmark's test split and
 * compare with the claims. Serialized as JSON for the child process.
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
 */
public record EvaluationRequest(String model, String benchmarksDir, String benchmark, String device,
        Map<String, Double> claims, Map<String, ClaimCheck.Tolerance> tolerances, String dataDir,
        String fashionMnistDir, String externalDir) {
}
