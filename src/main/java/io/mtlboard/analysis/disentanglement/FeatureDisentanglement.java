package io.mtlboard.analysis.disentanglement;

import java.util.List;
import java.util.Optional;

/**
 * Feature disentanglement (FD) of METRICS.md §4, the normalized task entropy of per-task saliency
 * on the shared representation after Mao et al. (arXiv 2402.03557). With S_t = |∂L_t/∂z| per
 * element j of the flattened representation, elements with Σ_t S_{t,j} > 0 give
 * p_{t,j} = S_{t,j} / Σ_k S_{k,j} and H_j = −Σ_t p_{t,j} ln p_{t,j}; then
 * {@code FD = 1 − mean_j H_j / ln T}, 1 when every element serves one task, 0 when every element
 * serves all tasks equally. The raw mean entropy is reported too. The published aggregation could
 * not be checked, so this is the product's stated definition.
 */
public final class FeatureDisentanglement {

    private FeatureDisentanglement() {}

    /**
     * FD of one set of saliencies.
     *
     * @param tasks the number of tasks T
     * @param fd {@code 1 − meanEntropy / ln T}, in [0, 1]
     * @param meanEntropy mean over counted elements of H_j, in nats, in [0, ln T]
     * @param elements how many elements had a non-zero total and were counted
     */
    public record Result(int tasks, double fd, double meanEntropy, long elements) {}

    /**
     * FD of one batch.
     *
     * @param saliency one array per task, all of length D: the gradients ∂L_t/∂z (their absolute
     *     value is taken) or already absolute gradients
     * @return empty when no element has a non-zero gradient, where FD is undefined
     */
    public static Optional<Result> of(List<double[]> saliency) {
        EntropyAccumulator accumulator = new EntropyAccumulator(saliency.size());
        accumulator.add(saliency);
        return accumulator.result();
    }

    /** {@code 1 − meanEntropy / ln T}: the FD of a mean task entropy in nats over T tasks. */
    public static double normalize(double meanEntropy, int tasks) {
        requireTasks(tasks);
        return 1.0 - meanEntropy / Math.log(tasks);
    }

    static void requireTasks(int tasks) {
        if (tasks < 2) {
            throw new IllegalArgumentException("FD needs at least two tasks, got " + tasks);
        }
    }
}
