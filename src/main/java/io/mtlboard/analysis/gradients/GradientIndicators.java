package io.mtlboard.analysis.gradients;

import java.util.Arrays;
import java.util.List;

/**
 * The gradient indicators of METRICS.md §3, as pure functions of per-task gradients g_1..g_T
 * (of the shared parameters or of the shared representation): cosine similarity, magnitude
 * similarity, relative gradient norms and their imbalance, and the conflict ratio over task pairs
 * and over coordinates. Used inter-task (one gradient per task) and inter-sample (one gradient per
 * sample of one task), following Mao et al. (arXiv 2402.03557) and Elich et al. (arXiv
 * 2311.04698). Gradients must be finite, non-empty and of one dimension; indicators that divide
 * by a norm reject zero gradients.
 */
public final class GradientIndicators {

    private GradientIndicators() {}

    /** S_cos(g_i, g_j) = ⟨g_i, g_j⟩ / (‖g_i‖ ‖g_j‖), in [−1, 1]; negative is a conflict. */
    public static double cosine(double[] gi, double[] gj) {
        Vectors.requirePair(gi, gj);
        double denominator =
                Vectors.requireNonZero(Vectors.norm(gi)) * Vectors.requireNonZero(Vectors.norm(gj));
        return clamp(Vectors.dot(gi, gj) / denominator);
    }

    /** S_mag(g_i, g_j) = 2‖g_i‖‖g_j‖ / (‖g_i‖² + ‖g_j‖²), in [0, 1]; 1 means equal norms. */
    public static double magnitudeSimilarity(double[] gi, double[] gj) {
        Vectors.requirePair(gi, gj);
        double a = Vectors.norm(gi);
        double b = Vectors.norm(gj);
        return 2 * a * b / Vectors.requireNonZero(a * a + b * b);
    }

    /** r_i = ‖g_i‖ / mean_k ‖g_k‖, in input order. */
    public static double[] relativeNorms(List<double[]> gradients) {
        Vectors.requireAll(gradients, 1);
        double[] norms = gradients.stream().mapToDouble(Vectors::norm).toArray();
        double mean = Vectors.requireNonZero(Arrays.stream(norms).average().orElseThrow());
        for (int i = 0; i < norms.length; i++) {
            norms[i] /= mean;
        }
        return norms;
    }

    /** max_i r_i / min_i r_i, at least 1; 1 means all norms are equal. */
    public static double imbalance(List<double[]> gradients) {
        double[] r = relativeNorms(gradients);
        double max = Arrays.stream(r).max().orElseThrow();
        double min = Vectors.requireNonZero(Arrays.stream(r).min().orElseThrow());
        return max / min;
    }

    /** Mean of S_cos over the T(T−1)/2 pairs. */
    public static double meanCosine(List<double[]> gradients) {
        return meanOverPairs(gradients, GradientIndicators::cosine);
    }

    /** Mean of S_mag over the T(T−1)/2 pairs. */
    public static double meanMagnitudeSimilarity(List<double[]> gradients) {
        return meanOverPairs(gradients, GradientIndicators::magnitudeSimilarity);
    }

    /** Fraction of the T(T−1)/2 pairs whose cosine similarity is negative. */
    public static double conflictRatio(List<double[]> gradients) {
        return meanOverPairs(gradients, (a, b) -> cosine(a, b) < 0 ? 1.0 : 0.0);
    }

    /**
     * Fraction of the D coordinates on which some two gradients have components of opposite sign
     * (one strictly positive, one strictly negative); a zero component opposes nothing.
     */
    public static double coordinateConflictRatio(List<double[]> gradients) {
        Vectors.requireAll(gradients, 2);
        int dimension = gradients.get(0).length;
        int conflicting = 0;
        for (int d = 0; d < dimension; d++) {
            boolean positive = false;
            boolean negative = false;
            for (double[] g : gradients) {
                positive |= g[d] > 0;
                negative |= g[d] < 0;
            }
            if (positive && negative) {
                conflicting++;
            }
        }
        return conflicting / (double) dimension;
    }

    /** Every indicator of one logged step at once. */
    public static GradientSummary summarize(List<double[]> gradients) {
        double[] r = relativeNorms(gradients);
        return new GradientSummary(
                meanCosine(gradients),
                meanMagnitudeSimilarity(gradients),
                conflictRatio(gradients),
                coordinateConflictRatio(gradients),
                Arrays.stream(r).boxed().toList(),
                imbalance(gradients));
    }

    private interface PairIndicator {
        double apply(double[] a, double[] b);
    }

    private static double meanOverPairs(List<double[]> gradients, PairIndicator indicator) {
        Vectors.requireAll(gradients, 2);
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < gradients.size(); i++) {
            for (int j = i + 1; j < gradients.size(); j++) {
                sum += indicator.apply(gradients.get(i), gradients.get(j));
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static double clamp(double cosine) {
        // rounding can push |cos| of (anti)parallel vectors just past 1
        return Math.max(-1.0, Math.min(1.0, cosine));
    }
}
