package io.mtlboard.analysis.gradients;

import java.util.List;

/**
 * The indicators of METRICS.md §3 for one logged step, from {@link GradientIndicators#summarize}.
 *
 * @param meanCosine mean pairwise cosine similarity
 * @param meanMagnitudeSimilarity mean pairwise magnitude similarity
 * @param conflictRatio fraction of pairs with negative cosine similarity
 * @param coordinateConflictRatio fraction of coordinates with components of opposite sign
 * @param relativeNorms r_i per gradient, in input order
 * @param imbalance max_i r_i / min_i r_i
 */
public record GradientSummary(
        double meanCosine,
        double meanMagnitudeSimilarity,
        double conflictRatio,
        double coordinateConflictRatio,
        List<Double> relativeNorms,
        double imbalance) {

    public GradientSummary {
        relativeNorms = List.copyOf(relativeNorms);
    }
}
